// Ending a running survey early ("Umfrage beenden"): a confirmation first, then
// the survey closes at once and refuses further answers.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { alertBox, apiPath, fmtDay, nextId, today, tx } from './common.js';

// "Umfrage beenden": asks first, then ends the survey at once (no further answers).
// `status` is where the question and the outcome appear; onEnded gets the new staff view.
export function confirmEnd(item, { status, button, onEnded }) {
  const textId = nextId('end');
  const show = (node) => {
    status.replaceChildren(node);
    node.focus();
  };
  const yes = h('button', { type: 'button', class: 'button button-danger', onclick: async () => {
    if (yes.getAttribute('aria-disabled')) return;
    yes.setAttribute('aria-disabled', 'true');
    try {
      await onEnded?.(await api.post(apiPath(item.id, '/end')));
      show(h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' }, t('console.survey.ended', { title: tx(item.title) })));
    } catch (err) {
      show(alertBox(err));
    }
  } }, t('console.survey.endNow'));
  const box = h('div', { class: 'notice', role: 'alertdialog', 'aria-labelledby': textId },
    h('p', { id: textId }, h('strong', {}, tx(item.title)), ': ', t('console.survey.endConfirm', { today: fmtDay(today()) })),
    h('div', { class: 'actions' }, yes,
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => { status.replaceChildren(); button?.focus(); } },
        t('action.cancel'))));
  show(box);
  yes.focus();
}

// The editor's block for an open survey: a short explanation and the button.
export function endSection(view, onEnded) {
  const status = h('div', { class: 'sv-status' });
  const button = h('button', { type: 'button', class: 'button button-small button-danger',
    onclick: () => confirmEnd(view.survey, { status, button, onEnded }) }, t('console.survey.end'));
  return h('div', { class: 'sv-end' }, h('p', { class: 'hint' }, t('console.survey.endHint')),
    h('div', { class: 'actions' }, button), status);
}
