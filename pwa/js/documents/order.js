// /dokumente/<reference>: one order's state, what to bring, the ways to collect it (counter,
// appointment, locker code with its QR code and deadline) and notices for this device.
// Opening it follows the order on this device; offline it shows the last state seen.
import { api } from '../api.js';
import { h } from '../dom.js';
import { locale, localized, t } from '../i18n.js';
import { compact, entryFor, remember } from './device.js';
import { notifyPanel } from './notify.js';

const STEPS = ['applied', 'in_production', 'ready', 'collected'];
const STEP_OF = { in_locker: 'ready', returned: 'ready' };
const FINAL = ['collected', 'returned'];
const POLL_MS = 60000; // a small answer; the notice itself comes by push

const when = (iso) => new Intl.DateTimeFormat(locale(), {
  timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
}).format(new Date(iso));

function steps(state) {
  const at = STEPS.indexOf(STEP_OF[state] || state);
  return h('ol', { class: 'doc-steps', 'aria-label': t('documents.steps') }, STEPS.map((step, i) => h('li', {
    class: i < at ? 'done' : null,
    'aria-current': i === at ? 'step' : null,
  }, t(`documents.step.${step}`))));
}

function lockerPanel(order) {
  const { locker } = order;
  if (!locker?.code) return h('p', { class: 'notice' }, t('documents.text.loading'));
  const path = `/api/documents/orders/${encodeURIComponent(compact(order.reference))}/code-qr`;
  return h('section', { class: 'locker-code', 'aria-labelledby': 'locker-title' },
    h('h2', { id: 'locker-title' }, t('documents.locker.title')),
    h('p', { class: 'code-big' }, h('span', { class: 'sr-only' }, `${t('documents.locker.code')}: `),
      h('strong', { class: 'code' }, `${locker.code.slice(0, 4)} ${locker.code.slice(4)}`)),
    h('img', { class: 'qr', src: path, width: 180, height: 180, alt: t('documents.locker.qr') }),
    h('p', {}, t('documents.locker.deadline', { when: when(locker.deadline) })),
    h('dl', { class: 'facts' },
      h('dt', {}, t('documents.locker.where')), h('dd', {}, locker.terminal, locker.address ? `, ${locker.address}` : '')),
    locker.fingerprint && h('p', {}, t('documents.locker.finger')),
    h('p', { class: 'hint' }, t('documents.locker.once')));
}

function pickupPanel(order) {
  const { office } = order;
  return h('section', { class: 'pickup', 'aria-labelledby': 'pickup-title' },
    h('h2', { id: 'pickup-title' }, t('documents.pickup.title')),
    h('p', {}, t('documents.pickup.counter', { office: office.name })),
    h('dl', { class: 'facts' },
      h('dt', {}, t('documents.office')), h('dd', {}, `${office.name}, ${office.address}`),
      h('dt', {}, t('documents.hours')), h('dd', {}, localized(office.hours))),
    order.appointment && h('p', {}, t('documents.pickup.appointmentText'), ' ',
      h('a', { class: 'button button-secondary', href: order.appointment }, t('documents.pickup.appointment'))));
}

function bring(order) {
  const items = localized(order.bring) || [];
  return items.length > 0 && h('section', { 'aria-labelledby': 'bring-title' },
    h('h2', { id: 'bring-title' }, t('documents.bring.title')),
    h('ul', { class: 'bring-list' }, items.map((item) => h('li', {}, item))));
}

function render(root, order, offlineSince) {
  const loading = order.state === 'in_locker' && !order.locker?.code;
  root.replaceChildren(...[
    h('h1', {}, localized(order.type.name)),
    h('p', { class: 'muted' }, t('documents.reference'), ' ', h('strong', { class: 'code ref' }, order.reference)),
    offlineSince && h('p', { class: 'notice', role: 'status' }, t('documents.offline', { when: when(offlineSince) })),
    h('p', { class: `doc-state doc-state-${order.state}` }, t(`documents.state.${order.state}`)),
    steps(order.state),
    h('p', { class: 'lead' }, t(loading ? 'documents.text.loading' : `documents.text.${order.state}`)),
    order.state === 'in_locker' && lockerPanel(order),
    order.state === 'ready' && pickupPanel(order),
    !FINAL.includes(order.state) && bring(order),
    !FINAL.includes(order.state) && !offlineSince && notifyPanel(order, (next) => render(root, next, null)),
    h('p', {}, h('a', { class: 'back', href: '/dokumente' }, t('documents.back'))),
  ].filter((part) => part != null && part !== false));
}

function notFound() {
  return h('div', { class: 'view documents' },
    h('h1', {}, t('documents.notFound.title')),
    h('p', { class: 'lead' }, t('documents.notFound.text')),
    h('p', {}, h('a', { class: 'back', href: '/dokumente' }, t('documents.back'))));
}

export default async function orderPage({ reference }) {
  const root = h('div', { class: 'view documents' });
  let answer;
  try {
    answer = await api.get(`/api/documents/orders/${encodeURIComponent(reference)}`);
  } catch (err) {
    const kept = entryFor(reference);
    if (err.code === 'network' && kept) {
      render(root, kept.order, kept.seen);
      return root;
    }
    if (err.status === 404 || err.status === 400) return notFound();
    throw err;
  }
  remember(answer.order);
  render(root, answer.order, null);
  if (!FINAL.includes(answer.order.state)) poll(root, reference, answer.order);
  return root;
}

// While the page is open and visible, look again now and then; re-render only on a change.
function poll(root, reference, order) {
  let seen = `${order.revision}-${order.state}`;
  const timer = setInterval(async () => {
    if (!root.isConnected) {
      clearInterval(timer);
      return;
    }
    if (document.hidden) return;
    try {
      const { order: next } = await api.get(`/api/documents/orders/${encodeURIComponent(reference)}`);
      const now = `${next.revision}-${next.state}`;
      if (now === seen) return;
      seen = now;
      remember(next);
      render(root, next, null);
      if (FINAL.includes(next.state)) clearInterval(timer);
    } catch {
      // offline for a moment: the next round tries again
    }
  }, POLL_MS);
}
