// Kiosk at the door: large buttons issue a ticket from the share kept for people without a
// smartphone; the ticket is printed through the browser (number, time, QR code to follow it on a
// phone). No sign-in per ticket: the device holds the credential staff gave it when setting it up.
import { api } from '../../js/api.js';
import { every, poller } from '../../js/queue/store.js';

const KIOSK_KEY = 'queue.kiosk';
const office = new URLSearchParams(location.search).get('office') || 'willich';
const $ = (id) => document.getElementById(id);

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
  $('office').textContent = `Wartemarke ziehen · ${state.office.name}`;
  if (!issuing) {
    $('left').textContent = state.status === 'paused'
      ? 'Kurze Pause, es geht gleich weiter. · Short break.'
      : 'Zurzeit gibt es keine Wartemarken. · No tickets at the moment.';
    $('buttons').replaceChildren();
    return;
  }
  if (left <= 0) {
    $('left').textContent = 'Alle verfügbaren Wartenummern wurden leider schon vergeben. · No tickets left today.';
    $('buttons').replaceChildren();
    return;
  }
  $('left').textContent = `Noch ${left} Wartemarken heute · ${left} tickets left today`;
  const cats = state.categories.length ? state.categories : [{ id: null, name: { de: 'Wartemarke ziehen', en: 'Take a ticket' }, left }];
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
    $('problem').textContent = err.code === 'network' ? 'Keine Verbindung. Bitte fragen Sie am Empfang.' : err.message;
    return;
  }
  showingTicket = true;
  const qr = node('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(answer.qr_svg)}`, alt: 'QR-Code zum Verfolgen der Wartemarke auf dem Handy' });
  const when = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(answer.ticket.issued_at));
  const ticket = node('section', { className: 'kiosk-ticket', ariaLabel: 'Ihre Wartemarke' },
    node('p', {}, answer.ticket.office.name),
    node('p', { className: 'kiosk-number' }, answer.ticket.number),
    node('p', {}, when),
    qr,
    node('p', {}, 'Mit dem QR-Code können Sie Ihre Nummer auf dem Handy verfolgen.'));
  $('buttons').replaceChildren(ticket);
  $('left').textContent = `Ihre Nummer: ${answer.ticket.number} · Your number`;
  window.print();
  setTimeout(() => {
    showingTicket = false;
    buttons();
  }, 10000);
}

if (!credential()) {
  $('left').textContent = 'Dieses Gerät ist nicht als Automat eingerichtet. Bitte in der Verwaltung unter „Warteschlange“ einrichten.';
  $('buttons').replaceChildren(node('a', { href: '/console/warteschlange', className: 'screen-button' }, 'Zur Verwaltung'));
} else {
  const poll = poller(`/api/queue/offices/${encodeURIComponent(office)}/state`);
  every(5, document.body, async () => {
    try {
      const { changed, data } = await poll();
      if (changed) state = data;
      buttons();
    } catch {
      $('problem').textContent = 'Keine Verbindung. · No connection.';
    }
  });
}
