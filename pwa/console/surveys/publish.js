// Publishing: the draft goes live, its public link and QR code (SVG, PNG),
// the poster, the paper form, and the next wave.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { navigate } from '../../js/router.js';
import {
  alertBox, apiPath, cloneForm, copyButton, fmtDay, fmtNumber, loadSurvey, nextId, qrImage, shortUrl, surveyHeader,
  surveyPath,
} from './common.js';

export default async function surveyPublish({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const draft = survey.status !== 'published';
  const status = h('div', { class: 'sv-status' });
  const clonePanel = h('div', {});

  const publishArea = h('div', {});
  function showPublish() {
    const confirmId = nextId('confirm');
    const start = h('button', { type: 'button', class: 'button', onclick: () => {
      const yes = h('button', { type: 'button', class: 'button', onclick: publish }, t('console.survey.publishNow'));
      const box = h('div', { class: 'notice', role: 'alertdialog', 'aria-labelledby': confirmId, tabindex: '-1' },
        h('p', { id: confirmId }, t('console.survey.publishConfirm', { opens: fmtDay(survey.opens) })),
        h('div', { class: 'actions' }, yes,
          h('button', { type: 'button', class: 'button button-secondary', onclick: () => { showPublish(); publishArea.querySelector('button').focus(); } },
            t('action.cancel'))));
      publishArea.replaceChildren(box);
      yes.focus();
    } }, t('console.survey.publish'));
    publishArea.replaceChildren(
      h('p', { class: 'notice' }, t('console.survey.draftNotice')),
      h('div', { class: 'actions' }, start));
  }
  async function publish() {
    try {
      await api.post(apiPath(survey.id, '/publish'));
      navigate(`${surveyPath(survey.id, 'publish')}?veroeffentlicht=1`, { replace: true });
    } catch (err) {
      const box = alertBox(err);
      status.replaceChildren(box);
      box.focus();
      showPublish();
    }
  }
  if (draft) showPublish();

  const openClone = (event) => {
    const button = event.currentTarget;
    const form = cloneForm(view, { onCancel: () => { clonePanel.replaceChildren(); button.focus(); } });
    clonePanel.replaceChildren(form);
    form.focusHeading();
  };

  const png = `umfrage-${survey.id}-qr.png`;
  const svg = `umfrage-${survey.id}-qr.svg`;
  const justPublished = new URLSearchParams(location.search).get('veroeffentlicht');
  return h('div', { class: 'view' },
    surveyHeader(view, 'publish'),
    justPublished && h('p', { class: 'notice notice-ok', role: 'status' }, t('console.survey.publishedNow')),
    status,
    publishArea,
    h('section', { 'aria-labelledby': 'sv-link' },
      h('h2', { id: 'sv-link' }, t('console.survey.linkTitle')),
      h('p', {}, t(draft ? 'console.survey.linkDraft' : 'console.survey.linkText')),
      h('p', { class: 'sv-link-row' }, h('code', { class: 'secret sv-link' }, view.public_url), ' ', copyButton(view.public_url)),
      !draft && h('p', {}, h('a', { href: view.public_url }, t('console.survey.openPublic')))),
    h('section', { 'aria-labelledby': 'sv-qr' },
      h('h2', { id: 'sv-qr' }, t('console.survey.qrTitle')),
      h('div', { class: 'sv-qr-row' },
        h('figure', { class: 'sv-qr-frame' }, qrImage(view),
          h('figcaption', {}, shortUrl(view.public_url))),
        h('div', {},
          h('p', {}, t('console.survey.qrText')),
          h('ul', { class: 'sv-links' },
            h('li', {}, h('a', { href: surveyPath(survey.id, 'plakat') }, t('console.survey.posterLink'))),
            h('li', {}, h('a', { href: apiPath(survey.id, '/qr.png'), download: png }, t('console.survey.pngLink'))),
            h('li', {}, h('a', { href: apiPath(survey.id, '/qr.svg'), download: svg }, t('console.survey.svgLink'))),
            h('li', {}, h('a', { href: surveyPath(survey.id, 'fragebogen') }, t('console.survey.paperFormLink'))),
            h('li', {}, h('a', { href: surveyPath(survey.id, 'visit') }, t('console.survey.visitLink'))))))),
    h('section', { 'aria-labelledby': 'sv-state' },
      h('h2', { id: 'sv-state' }, t('console.survey.stateTitle')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('console.survey.col.responses')), h('dd', {}, fmtNumber(view.responses)),
        h('dt', {}, t('console.survey.questionsEditable')),
        h('dd', {}, t(view.questions_editable ? 'console.survey.yes' : 'console.survey.noCloneHint'))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-secondary', onclick: openClone }, t('console.survey.cloneShort'))),
      clonePanel),
  );
}
