// "Live waiting" for the town's website: open or not, the current wait, tickets left.
import { every, poller } from '../../js/queue/store.js';

const office = new URLSearchParams(location.search).get('office') || 'willich';
const $ = (id) => document.getElementById(id);

function line(text, cls) {
  const p = document.createElement('p');
  p.textContent = text;
  if (cls) p.className = cls;
  return p;
}

function show(state) {
  $('office').textContent = `Offene Sprechstunde · ${state.office.name}`;
  const open = state.phase === 'issuing' && state.status !== 'closed';
  const parts = [line(open ? (state.status === 'paused' ? 'Kurze Pause' : 'Jetzt geöffnet') : 'Zurzeit geschlossen', 'live-figure')];
  if (open) {
    parts.push(line(`Wartezeit etwa ${state.estimate.low}–${state.estimate.high} Minuten · ${state.waiting} warten`));
    parts.push(line(`Noch ${state.tickets_left.online} Wartemarken in der App, ${state.tickets_left.kiosk} insgesamt`));
  } else if (state.next_morning) {
    const day = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${state.next_morning.date}T12:00:00`));
    parts.push(line(`Nächste offene Sprechstunde: ${day}, ${state.next_morning.from}–${state.next_morning.to} Uhr`));
  }
  $('now').replaceChildren(...parts);
}

const poll = poller(`/api/queue/offices/${encodeURIComponent(office)}/state`);
every(30, document.body, async () => {
  try {
    const { changed, data } = await poll();
    if (changed) show(data);
    $('updated').textContent = `Stand ${new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(new Date())} Uhr`;
  } catch {
    $('updated').textContent = 'Keine Verbindung';
  }
});
