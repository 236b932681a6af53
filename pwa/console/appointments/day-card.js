// One appointment of the day view: time, name, code, services, its status, and the actions
// a clerk can take now (verbs: check in, no-show, done, cancel), with "undo" after the last one.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { formatDay, hasBegun, minutesBetween, serviceNames, statusBadge, timeRange, todayIso } from './common.js';

const OPEN = ['pending', 'confirmed'];
// The server's action names, as the buttons and the undo call know them.
export const ACTION_OF = { checkin: 'check_in', 'no-show': 'no_show', done: 'done' };
const LABEL_OF = { check_in: 'checkin', no_show: 'noshow', done: 'done' };

// Which actions an appointment offers now (the server checks again).
export function actionsFor(appointment, day) {
  const today = todayIso();
  const open = OPEN.includes(appointment.status);
  const begun = hasBegun(appointment.start);
  return {
    checkin: open && day === today,
    noshow: open && begun,
    done: appointment.status === 'checked_in' || (appointment.status === 'confirmed' && day <= today),
    cancel: open && !begun,
  };
}

// card(a, { day, undoable, onAct(a, action, feedback), onCancel(a, feedback), onUndo(a, action, feedback) })
export function appointmentCard(a, { day, undoable, onAct, onCancel, onUndo }) {
  const can = actionsFor(a, day);
  const who = `${a.name}, ${a.start.slice(11, 16)}`;
  const card = h('li', { class: `appt appt-${a.status}`, 'data-focus-key': `card:${a.code}`, tabindex: '-1' });
  const feedback = h('div', { class: 'appt-feedback' });
  const button = (action, label, cls = 'button button-small button-secondary') => h('button', {
    type: 'button', class: cls, 'data-focus-key': `${action}:${a.code}`, 'aria-label': `${label}: ${who}`,
    onclick: () => (action === 'cancel' ? confirmCancel() : onAct(a, action, feedback)),
  }, label);

  function confirmCancel() {
    const textId = `cancel-${a.code}`;
    const area = h('div', { class: 'notice confirm', role: 'alertdialog', 'aria-labelledby': textId, 'data-confirm': '1' },
      h('p', { id: textId }, t('console.office.cancel.confirm', { name: a.name, time: a.start.slice(11, 16), date: formatDay(day, 'short') })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-danger', onclick: () => onCancel(a, feedback) }, t('console.office.cancel.yes')),
        h('button', { type: 'button', class: 'button button-secondary', 'data-focus-key': `keep:${a.code}`,
          onclick: () => { feedback.replaceChildren(); card.querySelector(`[data-focus-key="cancel:${a.code}"]`)?.focus(); } },
        t('console.office.cancel.no'))),
    );
    feedback.replaceChildren(area);
    area.querySelector('button').focus();
  }

  // "Undo" right after an action of this page, while the server still allows it (same day, last action).
  const undo = undoable && a.undo === undoable && h('p', { class: 'appt-undo' },
    h('span', {}, t(`console.office.undo.did.${LABEL_OF[undoable]}`), ' '),
    h('button', {
      type: 'button', class: 'button button-small button-secondary', 'data-focus-key': `undo:${a.code}`,
      'aria-label': t('console.office.undo.label', { action: t(`console.office.action.${LABEL_OF[undoable]}`), who }),
      onclick: () => onUndo(a, undoable, feedback),
    }, t('console.office.undo.button')));

  const minutes = minutesBetween(a.start, a.end);
  card.append(...[
    h('div', { class: 'appt-top' },
      h('span', { class: 'appt-when' }, timeRange(a.start, a.end), ' ',
        h('span', { class: 'muted' }, t('console.office.minutes', { count: minutes }))),
      statusBadge(a.status)),
    h('h4', { class: 'appt-name' }, a.name),
    h('p', { class: 'appt-meta' },
      h('span', {}, `${t('console.office.code')} `, h('code', { class: 'booking-code' }, a.code)),
      a.channel === 'phone' && h('span', { class: 'muted' }, ` · ${t('console.office.channel.phone')}`)),
    h('p', { class: 'appt-services' }, serviceNames(a.services)),
    // A pickup appointment for a document order: the clerk fetches this document beforehand.
    a.order_reference && h('p', { class: 'appt-order' },
      `${t('console.office.order')} `, h('code', { class: 'order-reference' }, a.order_reference)),
    (can.checkin || can.noshow || can.done || can.cancel) && h('div', { class: 'actions appt-actions' },
      can.checkin && button('checkin', t('console.office.action.checkin'), 'button button-small'),
      can.done && button('done', t('console.office.action.done'), can.checkin ? undefined : 'button button-small'),
      can.noshow && button('no-show', t('console.office.action.noshow')),
      can.cancel && button('cancel', t('console.office.action.cancel'), 'button button-small button-danger')),
    undo,
    feedback,
  ].filter(Boolean));
  return card;
}

export function blockItem(block) {
  return h('li', { class: 'block-item' },
    h('span', { class: 'appt-when' }, h('span', { class: 'time-range' }, block.from, '–', block.to)),
    h('span', {}, t('console.office.day.blocked'), block.reason ? `: ${block.reason}` : ''),
    !block.counter && h('span', { class: 'muted' }, ` (${t('console.office.allCounters')})`));
}

// The "rate this visit" QR code, large, in a modal dialog the citizen can scan from the screen.
export function rateDialog(answer, returnFocus) {
  let picture = null;
  if (answer.rate_visit_qr_svg) {
    const doc = new DOMParser().parseFromString(answer.rate_visit_qr_svg, 'image/svg+xml');
    if (doc.documentElement.nodeName === 'svg' && !doc.querySelector('parsererror')) {
      picture = document.importNode(doc.documentElement, true);
      for (const script of picture.querySelectorAll('script, foreignObject')) script.remove();
      picture.setAttribute('role', 'img');
      picture.setAttribute('aria-label', t('console.office.rate.qrLabel'));
      picture.setAttribute('class', 'rate-qr-svg');
    }
  }
  const dialog = h('dialog', { class: 'rate-dialog', 'aria-labelledby': 'rate-title', 'aria-describedby': 'rate-text' },
    h('h2', { id: 'rate-title' }, t('console.office.rate.title')),
    h('p', { id: 'rate-text' }, t('console.office.rate.text')),
    picture && h('div', { class: 'rate-qr' }, picture),
    h('p', { class: 'rate-url' }, h('span', { class: 'label' }, `${t('console.office.rate.address')} `),
      h('code', {}, answer.rate_visit_url)),
    h('form', { method: 'dialog', class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('console.office.rate.close'))),
  );
  const leave = () => dialog.close();
  dialog.addEventListener('close', () => {
    window.removeEventListener('popstate', leave);
    dialog.remove();
    returnFocus?.();
  });
  window.addEventListener('popstate', leave);
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('button').focus();
  return dialog;
}
