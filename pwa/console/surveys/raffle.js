// The raffle draw: once, after the survey has closed, with a confirmation.
// Shows the draw record and the winners as they are published (first name, initial).
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { formatDateTime, t } from '../../js/i18n.js';
import {
  alertBox, apiPath, fmtDay, fmtNumber, loadSurvey, nextId, surveyHeader, surveyPath, today, tx,
} from './common.js';

const publicName = (w) => [w.first_name, w.last_name ? `${w.last_name.trim().charAt(0).toUpperCase()}.` : ''].filter(Boolean).join(' ');

export default async function surveyRaffle({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const header = surveyHeader(view, 'raffle');
  if (!survey.raffle) {
    return h('div', { class: 'view' }, header,
      h('p', { class: 'notice' }, t('console.survey.error.no_raffle')),
      h('p', {}, h('a', { href: surveyPath(survey.id) }, t('console.survey.raffle.addInEditor'))));
  }
  let raffle = await api.get(apiPath(survey.id, '/raffle'));
  const area = h('div', {});
  const status = h('div', { class: 'sv-status' });
  let lastDraw = null;

  // Why the draw is not possible now (null: it is).
  function blocker() {
    if (raffle.draw) return t('console.survey.raffle.alreadyDrawn');
    if (survey.status !== 'published') return t('console.survey.raffle.blockedDraft');
    if (view.availability !== 'closed') return t('console.survey.raffle.blockedOpen', { closes: fmtDay(survey.closes) });
    if (today() > survey.raffle.publication_end) return t('console.survey.raffle.blockedExpired', { end: fmtDay(survey.raffle.publication_end) });
    return null;
  }

  function render(focus) {
    const reason = blocker();
    const reasonId = nextId('reason');
    const drawButton = h('button', { type: 'button', class: 'button', disabled: Boolean(reason),
      'aria-describedby': reason ? reasonId : null, onclick: () => confirmDraw() }, t('console.survey.raffle.draw'));
    const parts = [
      h('section', { 'aria-labelledby': 'sv-raffle-facts' },
        h('h2', { id: 'sv-raffle-facts' }, t('console.survey.raffle.facts')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('console.survey.prize')), h('dd', {}, tx(survey.raffle.prize)),
          h('dt', {}, t('console.survey.raffle.toDraw')), h('dd', {}, fmtNumber(survey.raffle.winners)),
          h('dt', {}, t('console.survey.raffle.entries')), h('dd', {}, fmtNumber(raffle.entries)),
          h('dt', {}, t('console.survey.publicationEnd')), h('dd', {}, fmtDay(raffle.publication_end)),
          h('dt', {}, t('console.survey.raffle.deletion')), h('dd', {}, fmtDay(raffle.deletion_date)))),
    ];
    if (!raffle.draw) {
      parts.push(h('section', { 'aria-labelledby': 'sv-raffle-draw' },
        h('h2', { id: 'sv-raffle-draw', tabindex: '-1' }, t('console.survey.raffle.drawTitle')),
        h('p', {}, t('console.survey.raffle.drawText', { count: survey.raffle.winners })),
        reason && h('p', { class: 'notice', id: reasonId }, reason),
        h('div', { class: 'actions sv-draw-actions' }, drawButton)));
    } else {
      const d = raffle.draw;
      parts.push(h('section', { 'aria-labelledby': 'sv-raffle-record' },
        h('h2', { id: 'sv-raffle-record', tabindex: '-1' }, t('console.survey.raffle.record')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('console.survey.raffle.drawnAt')), h('dd', {}, formatDateTime(d.drawn_at, { dateStyle: 'medium', timeStyle: 'medium' })),
          h('dt', {}, t('console.survey.raffle.drawnBy')), h('dd', {}, d.drawn_by),
          h('dt', {}, t('console.survey.raffle.entries')), h('dd', {}, fmtNumber(d.entries)),
          h('dt', {}, t('console.survey.raffle.winnerCount')), h('dd', {}, fmtNumber(d.winners))),
        lastDraw && h('p', { class: 'notice notice-ok' }, t('console.survey.raffle.deleted', { count: lastDraw.deleted_entries })),
        lastDraw?.mail_failed > 0 && h('p', { class: 'notice notice-error' }, t('console.survey.raffle.mailFailed', { count: lastDraw.mail_failed }))),
      h('section', { 'aria-labelledby': 'sv-raffle-winners' },
        h('h2', { id: 'sv-raffle-winners' }, t('console.survey.raffle.winners')),
        raffle.winners.length
          ? [h('p', {}, t('console.survey.raffle.winnersText', { end: fmtDay(raffle.publication_end) })),
            h('ul', { class: 'sv-winners' }, raffle.winners.map((w) => h('li', {}, publicName(w)))),
            h('details', {}, h('summary', {}, t('console.survey.raffle.contact')),
              h('p', { class: 'hint' }, t('console.survey.raffle.contactHint')),
              h('ul', {}, raffle.winners.map((w) => h('li', {}, `${w.first_name} ${w.last_name} – `, h('a', { href: `mailto:${w.email}` }, w.email)))))]
          : h('p', {}, t('console.survey.raffle.noWinners'))));
    }
    area.replaceChildren(...parts);
    if (focus) area.querySelector(focus)?.focus();
  }

  function confirmDraw() {
    const section = area.querySelector('.sv-draw-actions');
    const textId = nextId('confirm');
    const yes = h('button', { type: 'button', class: 'button button-danger', onclick: () => draw(box) }, t('console.survey.raffle.confirmYes'));
    const box = h('div', { class: 'notice sv-confirm', role: 'alertdialog', 'aria-labelledby': textId },
      h('p', { id: textId }, h('strong', {}, t('console.survey.raffle.final')), ' ',
        t('console.survey.raffle.confirm', { winners: survey.raffle.winners, entries: raffle.entries })),
      h('div', { class: 'actions' }, yes,
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => render('.sv-draw-actions button') }, t('action.cancel'))));
    section.replaceWith(box);
    yes.focus();
  }

  async function draw(box) {
    for (const b of box.querySelectorAll('button')) b.disabled = true;
    try {
      lastDraw = await api.post(apiPath(survey.id, '/raffle/draw'));
      raffle = await api.get(apiPath(survey.id, '/raffle'));
      status.replaceChildren();
      render('#sv-raffle-record');
    } catch (err) {
      render();
      const alert = alertBox(err, { closes: fmtDay(survey.closes) });
      status.replaceChildren(alert);
      alert.focus();
    }
  }

  render();
  return h('div', { class: 'view' }, header,
    h('p', { class: 'lead' }, t('console.survey.raffle.intro')),
    status, area);
}
