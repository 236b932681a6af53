// Kiosk at the door: large buttons issue a ticket from the share kept for people without a
// smartphone; the ticket is printed through the browser (number, time, QR code to follow it on a
// phone). No sign-in per ticket: the device holds the credential staff gave it when setting it up.
// Its texts come from /i18n/<lang>/console-queue-kiosk.json: German, with English beside it.
import { api } from '../../js/api.js';
import { every, poller } from '../../js/queue/store.js';
import { both, fillStatic, loadTexts, text } from './screen-text.js';

const KIOSK_KEY = 'queue.kiosk';
const office = new URLSearchParams(location.search).get('office') || 'willich';
const $ = (id) => document.getElementById(id);
const de = (key, vars) => text('de', key, vars);

function node(tag, props, ...children) {
  const made = Object.assign(document.createElement(tag), props);
  made.append(...children);
  return made;
}

function credential() {
  try {
    const saved = JSON.parse(localStorage.getItem(KIOSK_KEY) || 'null');
    return saved?.office === office ? saved.credential : null;
  } catch {
    return null;
  }
}

let state = null;
let showingTicket = false;

function buttons() {
  if (showingTicket || !state) return;
  const left = state.tickets_left.kiosk;
  const issuing = state.phase === 'issuing' && state.status === 'open';
  $('office').textContent = de('queueKiosk.office', { office: state.office.name });
  if (!issuing) {
    $('left').replaceChildren(...both(state.status === 'paused' ? 'queueKiosk.paused' : 'queueKiosk.none'));
    $('buttons').replaceChildren();
    return;
  }
  if (left <= 0) {
    $('left').replaceChildren(...both('queueKiosk.gone'));
    $('buttons').replaceChildren();
    return;
  }
  $('left').replaceChildren(...both('queueKiosk.left', { count: left }));
  const cats = state.categories.length ? state.categories : [{ id: null, name: { de: de('queueKiosk.title'), en: text('en', 'queueKiosk.title') }, left }];
  $('buttons').replaceChildren(...cats.map((cat) => node('button', {
    type: 'button',
    className: 'screen-button',
    disabled: cat.left <= 0,
    onclick: () => take(cat.id),
  }, cat.id ? `${cat.id} · ${cat.name.de}` : cat.name.de, node('br'), node('span', { lang: 'en' }, cat.name.en))));
}

async function take(category) {
  $('problem').textContent = '';
  let answer;
  try {
    answer = await api.post(`/api/queue/offices/${encodeURIComponent(office)}/kiosk-tickets`,
      { category, kiosk: credential() }, { idempotencyKey: crypto.randomUUID() });
  } catch (err) {
    if (err.code === 'network') $('problem').replaceChildren(...both('queueKiosk.offlineAsk'));
    else $('problem').textContent = err.message;
    return;
  }
  showingTicket = true;
  const qr = node('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(answer.qr_svg)}`, alt: de('queueKiosk.qrAlt') });
  const when = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(answer.ticket.issued_at));
  const ticket = node('section', { className: 'kiosk-ticket', ariaLabel: de('queueKiosk.ticket') },
    node('p', {}, answer.ticket.office.name),
    node('p', { className: 'kiosk-number' }, answer.ticket.number),
    node('p', {}, when),
    qr,
    node('p', {}, de('queueKiosk.qrHint')));
  $('buttons').replaceChildren(ticket);
  $('left').replaceChildren(...both('queueKiosk.yourNumber', { number: answer.ticket.number }));
  window.print();
  setTimeout(() => {
    showingTicket = false;
    buttons();
  }, 10000);
}

await loadTexts('console-queue-kiosk', ['de', 'en']);
fillStatic('de');
document.title = de('queueKiosk.title');
$('subtitle').textContent = text('en', 'queueKiosk.title');

if (!credential()) {
  $('left').textContent = de('queueKiosk.notSetUp');
  $('buttons').replaceChildren(node('a', { href: '/console/warteschlange', className: 'screen-button' }, de('queueKiosk.toConsole')));
} else {
  const poll = poller(`/api/queue/offices/${encodeURIComponent(office)}/state`);
  every(5, document.body, async () => {
    try {
      const { changed, data } = await poll();
      if (changed) state = data;
      buttons();
    } catch {
      $('problem').replaceChildren(...both('queueKiosk.offline'));
    }
  });
}
