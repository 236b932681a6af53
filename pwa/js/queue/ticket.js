// /wartemarke/ticket#<token>: one's own ticket, live. The last known state is kept on the
// device, so the page opens offline and after the app was closed.
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, localized, t } from '../i18n.js';
import { canPush, enableSound, pushForTicket, ring, soundEnabled } from './alert.js';
import { waitText } from './offices.js';
import { every, forgetTicket, myTicket, poller, rememberTicket } from './store.js';

const POLL_SECONDS = 5;
const SOON = 3;

function statusText(ticket) {
  if (ticket.queue_status === 'closed' && ['waiting', 'parked'].includes(ticket.status)) return [t('queue.ticket.closedEarly')];
  switch (ticket.status) {
    case 'waiting':
      return [
        ticket.position === 0 ? t('queue.ticket.next') : t('queue.ticket.ahead', { count: ticket.position }),
        waitText(ticket.estimate),
        ticket.serve_as ? t('queue.ticket.forwarded', { name: localized(ticket.serve_as.name), number: ticket.number }) : null,
      ].filter(Boolean);
    case 'called':
      return [t('queue.ticket.called', { counter: ticket.counter })];
    case 'missed':
      return [t('queue.ticket.missed', { count: ticket.calls }), t('queue.ticket.missedHelp')];
    default:
      return [t(`queue.ticket.status.${ticket.status}`)];
  }
}

// What a citizen whose number was missed can do: a new ticket while there are any, else an appointment.
function missedWays(ticket) {
  const fresh = ticket.tickets_left > 0
    ? h('a', { class: 'button', href: '/wartemarke' }, t('queue.ticket.missedNew', { count: ticket.tickets_left }))
    : null;
  return [fresh, h('a', { class: `button${fresh ? ' button-secondary' : ''}`, href: '/termin' }, t('queue.ticket.missedBook'))];
}

function tokenFromPage() {
  const hash = location.hash.slice(1);
  return hash && /^[\w.-]+$/.test(hash) ? hash : null;
}

export default function ticketPage() {
  const saved = myTicket();
  const token = tokenFromPage() || saved?.token;
  if (!token) {
    return h('div', { class: 'view queue' },
      h('h1', {}, t('queue.ticket.title')),
      h('p', { class: 'lead' }, t('queue.ticket.none')),
      h('p', {}, h('a', { class: 'button', href: '/wartemarke' }, t('queue.ticket.takeOne'))));
  }
  let ticket = saved?.token === token ? saved.ticket : null;

  const number = h('p', { class: 'queue-number', 'aria-hidden': 'true' });
  const heading = h('h1', {}, t('queue.ticket.title'));
  const status = h('div', { class: 'queue-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const updated = h('p', { class: 'muted queue-updated' });
  const problem = h('p', { class: 'notice notice-warn', role: 'alert', hidden: true });
  const notify = h('div', { class: 'queue-notify' });
  const leave = h('div', { class: 'actions' });
  const view = h('div', { class: 'view queue' }, heading, number, status, updated, problem, notify, leave,
    h('p', {}, h('a', { class: 'back', href: '/wartemarke' }, t('queue.ticket.overview'))));

  function show(seenAt) {
    if (!ticket) {
      status.replaceChildren(h('p', {}, t('queue.ticket.loading')));
      return;
    }
    number.textContent = ticket.number;
    heading.textContent = t('queue.ticket.heading', { number: ticket.number });
    status.replaceChildren(...statusText(ticket).map((line, i) => h('p', { class: i ? null : 'queue-status-main' }, line)));
    status.dataset.status = ticket.status;
    updated.textContent = t('queue.ticket.updated', { time: formatDateTime(seenAt || ticket.updated_at, { timeStyle: 'short' }) });
    const active = ['waiting', 'called', 'parked'].includes(ticket.status) && ticket.queue_status !== 'closed';
    leave.replaceChildren(active ? h('button', { type: 'button', class: 'button button-danger', onclick: askLeave }, t('queue.ticket.leave')) : '');
    if (ticket.status === 'missed') leave.replaceChildren(...missedWays(ticket));
    notify.hidden = !active;
  }

  function askLeave() {
    leave.replaceChildren(
      h('p', {}, t('queue.ticket.leaveSure')),
      h('button', { type: 'button', class: 'button button-danger', onclick: doLeave }, t('queue.ticket.leaveYes')),
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => show() }, t('queue.ticket.leaveNo')));
    leave.querySelector('button').focus();
  }

  async function doLeave() {
    try {
      const answer = await api.post('/api/queue/ticket/cancel', { token });
      ticket = answer.ticket;
      forgetTicket();
      show();
      heading.focus();
    } catch (err) {
      problem.textContent = err.code === 'network' ? t('queue.offline') : err.message;
      problem.hidden = false;
    }
  }

  const pushButton = h('button', { type: 'button', class: 'button button-secondary' }, t('queue.ticket.push'));
  const soundButton = h('button', { type: 'button', class: 'button button-secondary' }, t('queue.ticket.sound'));
  const notifyState = h('p', { class: 'hint', role: 'status' });
  pushButton.addEventListener('click', async () => {
    enableSound();
    pushButton.disabled = true;
    try {
      await pushForTicket(token);
      notifyState.textContent = t('queue.ticket.pushOn');
      pushButton.hidden = true;
    } catch {
      notifyState.textContent = t('queue.ticket.pushOff');
      pushButton.disabled = false;
    }
  });
  soundButton.addEventListener('click', () => {
    notifyState.textContent = enableSound() ? t('queue.ticket.soundOn') : t('queue.ticket.soundOff');
    soundButton.hidden = soundEnabled();
  });
  notify.append(h('p', {}, t('queue.ticket.notifyLead')), h('div', { class: 'actions' }, canPush() ? pushButton : null, soundButton), notifyState);

  const poll = poller(`/api/queue/ticket?token=${encodeURIComponent(token)}`);
  every(POLL_SECONDS, view, async () => {
    try {
      const { changed, data } = await poll();
      problem.hidden = true;
      if (changed) {
        const before = ticket;
        ticket = data.ticket;
        rememberTicket(token, ticket);
        const nowCalled = ticket.status === 'called' && (before?.status !== 'called' || before?.calls !== ticket.calls);
        const nowSoon = ticket.status === 'waiting' && ticket.position < SOON && !(before?.status === 'waiting' && before.position < SOON);
        if (before && (nowCalled || nowSoon)) ring();
      }
      show(new Date().toISOString());
    } catch (err) {
      problem.textContent = err.status ? err.message : t('queue.ticket.offline');
      problem.hidden = false;
      if (err.status === 404) forgetTicket();
    }
  });
  show(saved?.seen);
  return view;
}
