// /wartemarke: each office's next walk-in morning, tickets left and the current wait; from the
// start time a ticket in one tap (per category where the office has them).
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, localized, t } from '../i18n.js';
import { navigate } from '../router.js';
import { deviceId, every, myTicket, poller, rememberTicket } from './store.js';

const POLL_SECONDS = 15;
// A request whose answer was lost is sent again with the same key, so it gets the same ticket
// rather than a refusal for a second ticket from this device.
const pendingKeys = new Map();

function dayText(iso) {
  return formatDateTime(`${iso}T12:00:00+01:00`, { weekday: 'long', day: 'numeric', month: 'long' });
}

export function waitText(estimate) {
  return t('queue.wait', { low: estimate.low, high: estimate.high });
}

function nextMorning(state) {
  const next = state.next_morning;
  return h('p', {},
    next ? t('queue.next', { date: dayText(next.date), from: next.from, to: next.to }) : t('queue.noNext'),
    ' ', h('a', { href: '/termin' }, t('queue.book')));
}

function body(state, take) {
  const parts = [];
  if (state.phase === 'issuing' && state.status === 'paused') {
    parts.push(h('p', { class: 'notice' }, localized(state.pause_message) || t('queue.paused')));
  }
  if (state.phase === 'before' && state.morning) {
    parts.push(h('p', {}, t('queue.from', { time: state.morning.tickets_from, from: state.morning.from, to: state.morning.to })));
  } else if (state.phase === 'issuing' && state.status !== 'closed') {
    parts.push(h('p', { class: 'queue-left' }, t('queue.left', { count: state.tickets_left.online })));
    parts.push(h('p', {}, t('queue.waiting', { count: state.waiting }), ' ', waitText(state.estimate)));
    if (state.tickets_left.online > 0 && state.status === 'open') {
      const cats = state.categories.length ? state.categories : [{ id: null }];
      parts.push(h('div', { class: 'actions' }, cats.map((cat) => h('button', {
        type: 'button',
        class: 'button',
        disabled: cat.id && cat.left === 0,
        onclick: (event) => take(cat.id, event.currentTarget),
      }, cat.id ? t('queue.takeCategory', { name: localized(cat.name) }) : t('queue.take')))));
    } else {
      parts.push(h('p', { class: 'notice notice-warn' }, t('queue.gone')));
      parts.push(nextMorning(state));
    }
  } else {
    if (state.phase === 'issuing' || state.phase === 'over') parts.push(h('p', {}, t('queue.over')));
    else if (state.reason) parts.push(h('p', {}, t('queue.noneToday')));
    parts.push(nextMorning(state));
  }
  return parts;
}

function officeCard(initial) {
  const office = initial.office;
  const headingId = `queue-${office.id}`;
  const content = h('div', {});
  const error = h('p', { class: 'notice notice-error', role: 'alert', hidden: true });
  const card = h('li', { class: 'card queue-office', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, office.name),
    h('p', { class: 'muted' }, office.address),
    content, error);

  async function take(category, button) {
    button.disabled = true;
    error.hidden = true;
    const attempt = `${office.id}/${category ?? ''}`;
    if (!pendingKeys.has(attempt)) pendingKeys.set(attempt, crypto.randomUUID());
    try {
      const answer = await api.post(`/api/queue/offices/${office.id}/tickets`,
        { category, device: deviceId(), language: document.documentElement.lang || 'de' },
        { idempotencyKey: pendingKeys.get(attempt) });
      pendingKeys.delete(attempt);
      rememberTicket(answer.token, answer.ticket);
      navigate('/wartemarke/ticket');
    } catch (err) {
      if (err.code !== 'network') pendingKeys.delete(attempt);
      error.textContent = err.code === 'network' ? t('queue.offline') : err.message;
      error.hidden = false;
      button.disabled = false;
    }
  }

  const show = (state) => content.replaceChildren(...body(state, take));
  show(initial);
  const poll = poller(`/api/queue/offices/${office.id}/state`);
  every(POLL_SECONDS, card, async () => {
    try {
      const { changed, data } = await poll();
      if (changed) show(data);
    } catch {
      // offline: keep what is shown
    }
  });
  return card;
}

export default async function offices() {
  let list = null;
  try {
    ({ offices: list } = await api.get('/api/queue'));
  } catch (err) {
    if (err.code !== 'network') throw err;
  }
  const mine = myTicket();
  return h('div', { class: 'view queue' },
    h('h1', {}, t('queue.title')),
    h('p', { class: 'lead' }, t('queue.lead')),
    mine ? h('p', { class: 'callout queue-mine' },
      h('a', { href: '/wartemarke/ticket' }, t('queue.mine', { number: mine.ticket.number }))) : null,
    // Offline the mornings and tickets left are unknown; one's own ticket still opens.
    list ? h('ul', { class: 'cards' }, list.map(officeCard)) : h('p', { class: 'notice notice-warn' }, t('queue.offlineList')),
    h('p', { class: 'hint' }, t('queue.privacy')));
}
