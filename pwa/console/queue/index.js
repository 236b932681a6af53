// Walk-in queue at the counter (role "office"): choose office and counter, call the next number,
// call again, no-show, park, done, forward; open, pause, close; tickets for visitors; kiosks.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { localized, t } from '../../js/i18n.js';
import { errorText } from '../../js/shell.js';
import { kioskSection } from './kiosks.js';

const POLL_SECONDS = 5;
const SHOWN_WAITING = 12;

function remembered(key, fallback) {
  try {
    return localStorage.getItem(key) || fallback;
  } catch {
    return fallback;
  }
}

function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: chosen again next time
  }
}

function select(id, label, options, value, onchange) {
  return h('div', { class: 'field queue-pick' },
    h('label', { for: id }, label),
    h('select', { id, onchange: (e) => onchange(e.target.value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

export default async function queueConsole({ user }) {
  const { offices } = await api.get('/api/queue');
  if (!offices.length) return h('div', { class: 'view' }, h('h1', {}, t('console.nav.queue')), h('p', {}, t('queueDesk.none')));
  let office = remembered('queue.console.office', offices[0].office.id);
  if (!offices.some((o) => o.office.id === office)) office = offices[0].office.id;
  let counter = remembered('queue.console.counter', '1');
  let data = null;

  const message = h('div', { role: 'status', 'aria-live': 'polite', class: 'queue-message' });
  const board = h('div', { class: 'queue-board' });
  const view = h('div', { class: 'view queue-console' }, h('h1', {}, t('console.nav.queue')), h('div', { class: 'queue-picks' }), message, board);

  function say(text, kind = 'ok') {
    message.replaceChildren(h('p', { class: `notice notice-${kind}` }, text));
  }

  async function run(action, path, body = {}, options = {}) {
    try {
      const answer = await api.post(`/api/office/queue/${office}${path}`, body, options);
      if (action) say(action(answer));
      await refresh();
      return answer;
    } catch (err) {
      say(errorText(err), 'error');
      return null;
    }
  }

  const callNext = () => run((a) => (a.called ? t('queueDesk.called', { number: a.called.number, counter }) : t('queueDesk.nobody')), '/call', { counter });
  // A recall at the limit marks the ticket missed; the answer says so.
  const act = (ticket, action, extra = {}) => run(
    (a) => t(a.missed_at_limit ? 'queueDesk.missedAtLimit' : `queueDesk.did.${action}`, { number: ticket.number }),
    `/tickets/${encodeURIComponent(ticket.id)}/${action}`, { counter, ...extra });

  // "An Schalter/Kategorie weiterleiten": another counter, or another category (the number stays).
  // For the ticket at the counter, or one parked here (e.g. after fetching a document it needs another matter).
  function forwarding(current, parked = false) {
    const serving = current.serve_as || current.category;
    const options = [
      ...data.counters.filter((c) => c !== counter).map((c) => [`to_counter:${c}`, t('queueDesk.counter', { counter: c })]),
      ...data.categories.filter((c) => c.id !== serving).map((c) => [`to_category:${c.id}`, t('queueDesk.category', { id: c.id, name: localized(c.name) })]),
    ];
    if (!options.length) return null;
    const label = parked ? t('queueDesk.forwardParkedTo', { number: current.number }) : t('queueDesk.forwardTo');
    const to = h('select', { id: parked ? `cq-forward-${current.id}` : 'cq-forward', 'aria-label': label },
      options.map(([value, text]) => h('option', { value }, text)));
    const send = () => {
      const [field, value] = to.value.split(':');
      act(current, 'forward', { [field]: value });
    };
    return h('div', { class: 'actions' }, to, h('button', {
      type: 'button', class: 'button button-secondary', onclick: send,
      'aria-label': parked ? t('queueDesk.forwardParked', { number: current.number }) : null,
    }, t('queueDesk.forward')));
  }

  function mine() {
    const current = data.tickets.find((tk) => tk.status === 'called' && tk.counter === counter);
    const appointment = data.appointments.find((a) => a.status === 'called' && a.counter === counter);
    const card = h('section', { class: 'card queue-mine-counter', 'aria-labelledby': 'cq-mine' },
      h('h2', { id: 'cq-mine' }, t('queueDesk.atCounter', { counter })));
    if (current) {
      const atLimit = current.calls >= data.recall_limit;
      card.append(...[
        h('p', { class: 'queue-now' }, current.number),
        h('p', { class: 'muted' }, t('queueDesk.calls', { count: current.calls, limit: data.recall_limit })),
        atLimit ? h('p', { class: 'hint' }, t('queueDesk.atLimit')) : null,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button', onclick: () => act(current, 'done') }, t('queueDesk.done')),
          h('button', { type: 'button', class: 'button button-secondary', onclick: () => act(current, 'recall') }, t('queueDesk.recall')),
          h('button', { type: 'button', class: 'button button-secondary', onclick: () => act(current, 'park') }, t('queueDesk.park')),
          h('button', { type: 'button', class: 'button button-danger', onclick: () => act(current, 'missed') }, t('queueDesk.missed'))),
        forwarding(current)].filter(Boolean)); // Element.append would write null as the text "null"
    } else if (appointment) {
      card.append(h('p', { class: 'queue-now' }, appointment.code), h('p', {}, t('queueDesk.appointment')),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button', onclick: () => act({ id: appointment.code, number: appointment.code }, 'done') }, t('queueDesk.done'))));
    } else {
      card.append(h('p', { class: 'muted' }, t('queueDesk.free')));
    }
    card.append(h('p', {}, h('button', { type: 'button', class: 'button queue-call', onclick: callNext }, t('queueDesk.next'))));
    return card;
  }

  function waitingNote(tk) {
    const notes = [];
    if (tk.forward_to) notes.push(t('queueDesk.forwarded', { counter: tk.forward_to }));
    if (tk.serve_as) notes.push(t('queueDesk.forwardedCategory', { id: tk.serve_as }));
    return notes.length ? notes.join(' · ') : t(`queueDesk.channel.${tk.channel}`);
  }

  function lists() {
    const waiting = data.tickets.filter((tk) => tk.status === 'waiting');
    const parked = data.tickets.filter((tk) => tk.status === 'parked');
    return h('section', { class: 'card', 'aria-labelledby': 'cq-lists' },
      h('h2', { id: 'cq-lists' }, t('queueDesk.waitingTitle', { count: waiting.length })),
      waiting.length ? h('ol', { class: 'queue-line' }, waiting.slice(0, SHOWN_WAITING).map((tk) => h('li', {},
        h('strong', {}, tk.number), ' ', h('span', { class: 'muted' }, waitingNote(tk)),
        ' ', h('button', { type: 'button', class: 'button button-small button-secondary', 'aria-label': t('queueDesk.callThisLabel', { number: tk.number }),
          onclick: () => run((a) => t('queueDesk.called', { number: a.called.number, counter }), '/call', { counter, ticket: tk.id }) }, t('queueDesk.callThis'))))) : h('p', { class: 'muted' }, t('queueDesk.nobody')),
      parked.length ? h('h3', {}, t('queueDesk.parkedTitle')) : null,
      parked.length ? h('ul', { class: 'plain' }, parked.map((tk) => h('li', {}, h('strong', {}, tk.number), ' ',
        h('button', { type: 'button', class: 'button button-small button-secondary', 'aria-label': t('queueDesk.resumeLabel', { number: tk.number }), onclick: () => act(tk, 'resume') }, t('queueDesk.resume')),
        tk.counter === counter ? forwarding(tk, true) : null))) : null);
  }

  function door() {
    const cats = data.categories.length ? data.categories : [{ id: null, name: null }];
    const printed = h('div', { class: 'queue-printed' });
    const issue = async (cat) => {
      const answer = await run(null, '/tickets', { category: cat.id }, { idempotencyKey: crypto.randomUUID() });
      if (answer) say(t('queueDesk.issued', { number: answer.ticket.number }));
    };
    return h('section', { class: 'card', 'aria-labelledby': 'cq-door' },
      h('h2', { id: 'cq-door' }, t('queueDesk.doorTitle')),
      h('p', { class: 'muted' }, t('queueDesk.left', { count: data.counts.left })),
      h('div', { class: 'actions' }, cats.map((cat) => h('button', { type: 'button', class: 'button button-secondary', onclick: () => issue(cat) },
        cat.id ? t('queueDesk.issueCategory', { id: cat.id }) : t('queueDesk.issue')))),
      printed,
      h('ul', { class: 'plain' },
        h('li', {}, h('a', { href: `/console/queue/display.html?office=${office}` }, t('queueDesk.display'))),
        h('li', {}, h('a', { href: `/console/queue/live.html?office=${office}` }, t('queueDesk.live'))),
        h('li', {}, h('a', { href: `/console/warteschlange/statistik?office=${office}` }, t('queueDesk.statsLink'))),
        user?.roles.includes('admin') ? h('li', {}, h('a', { href: `/console/warteschlange/einstellungen?office=${office}` }, t('queueDesk.settings'))) : null));
  }

  function morning() {
    const status = data.state.status;
    const button = (action, label, kind = 'button-secondary') => h('button', {
      type: 'button', class: `button button-small ${kind}`, disabled: status === { open: 'open', pause: 'paused', close: 'closed' }[action],
      onclick: () => run(() => t(`queueDesk.status.${action}`), `/status/${action}`, {}),
    }, label);
    const c = data.counts;
    return h('section', { class: 'card', 'aria-labelledby': 'cq-morning' },
      h('h2', { id: 'cq-morning' }, t('queueDesk.today', { status: t(`queueDesk.state.${status}`) })),
      h('p', {}, t('queueDesk.counts', { waiting: c.waiting, called: c.called, served: c.done, missed: c.missed, left: c.left })),
      h('div', { class: 'actions' }, button('open', t('queueDesk.open')), button('pause', t('queueDesk.pause')), button('close', t('queueDesk.close'), 'button-danger')));
  }

  async function refresh() {
    try {
      data = await api.get(`/api/office/queue/${office}`);
    } catch (err) {
      board.replaceChildren(h('p', { class: 'notice notice-error' }, errorText(err)));
      return;
    }
    if (!data.counters.includes(counter)) counter = data.counters[0];
    const focused = document.activeElement?.id;
    view.querySelector('.queue-picks').replaceChildren(
      select('cq-office', t('queueDesk.office'), offices.map((o) => [o.office.id, o.office.name]), office, (v) => { office = v; remember('queue.console.office', v); refresh(); }),
      select('cq-counter', t('queueDesk.counterPick'), data.counters.map((c) => [c, t('queueDesk.counter', { counter: c })]), counter, (v) => { counter = v; remember('queue.console.counter', v); refresh(); }));
    board.replaceChildren(mine(), lists(), morning(), door(), kioskSection(office));
    if (focused) document.getElementById(focused)?.focus();
  }

  await refresh();
  const tick = () => {
    if (!view.isConnected && view.dataset.shown) return;
    if (view.isConnected) view.dataset.shown = '1';
    if (!view.contains(document.activeElement) || document.activeElement === document.body) refresh();
    setTimeout(tick, POLL_SECONDS * 1000);
  };
  setTimeout(tick, POLL_SECONDS * 1000);
  return view;
}
