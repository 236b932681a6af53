// A4 poster with a large QR code for the waiting area: prints on one page,
// without the console around it.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { loadTown } from '../../js/town.js';
import { fmtDay, loadSurvey, qrImage, shortUrl, surveyPath, tx } from './common.js';

export default async function surveyPoster({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const town = await loadTown().catch(() => null); // the page prints without the town's name too
  const draft = survey.status !== 'published';
  const poster = h('article', { class: 'sv-poster', 'aria-label': t('console.survey.poster.label') },
    h('p', { class: 'sv-poster-town' }, town?.name || ''),
    h('h2', { class: 'sv-poster-call' }, t('console.survey.poster.call')),
    h('p', { class: 'sv-poster-title' }, tx(survey.title)),
    h('p', { class: 'sv-poster-text' }, t('console.survey.poster.text')),
    h('div', { class: 'sv-poster-qr' }, qrImage(view, 'sv-poster-qr-img')),
    h('p', { class: 'sv-poster-scan' }, t('console.survey.poster.scan')),
    h('p', { class: 'sv-poster-url' }, shortUrl(view.public_url)),
    h('p', { class: 'sv-poster-until' }, t('console.survey.poster.until', { closes: fmtDay(survey.closes, 'long') })),
    survey.raffle && h('p', { class: 'sv-poster-raffle' }, t('console.survey.poster.raffle', { prize: tx(survey.raffle.prize) })),
    h('p', { class: 'sv-poster-privacy' }, t('console.survey.poster.privacy')),
  );
  return h('div', { class: 'view sv-poster-page' },
    h('div', { class: 'sv-noprint' },
      h('p', { class: 'sv-back' }, h('a', { class: 'back', href: surveyPath(survey.id, 'publish') }, t('console.survey.poster.back'))),
      h('h1', {}, t('console.survey.poster.title')),
      h('p', {}, t('console.survey.poster.intro')),
      draft && h('p', { class: 'notice' }, t('console.survey.poster.draft')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('console.survey.print')))),
    h('div', { class: 'sv-poster-sheet' }, poster),
  );
}
