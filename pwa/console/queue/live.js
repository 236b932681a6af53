// "Live waiting" for the town's website: open or not, the current wait, tickets left. German by
// default, English with ?lang=en (texts from /i18n/<lang>/console-queue-live.json).
import { every, poller } from '../../js/queue/store.js';
import { fillStatic, loadTexts, text } from './screen-text.js';

const query = new URLSearchParams(location.search);
const office = query.get('office') || 'willich';
const lang = query.get('lang') === 'en' ? 'en' : 'de';
const locale = lang === 'en' ? 'en-GB' : 'de-DE';
const $ = (id) => document.getElementById(id);
const say = (key, vars) => text(lang, key, vars);

function line(words, cls) {
  const p = document.createElement('p');
  p.textContent = words;
  if (cls) p.className = cls;
  return p;
}

function show(state) {
  $('office').textContent = say('queueLive.office', { office: state.office.name });
  const open = state.phase === 'issuing' && state.status !== 'closed';
  const parts = [line(say(open ? (state.status === 'paused' ? 'queueLive.paused' : 'queueLive.open') : 'queueLive.closed'), 'live-figure')];
  if (open) {
    parts.push(line(say('queueLive.wait', { low: state.estimate.low, high: state.estimate.high, count: state.waiting })));
    parts.push(line(say('queueLive.left', { count: state.tickets_left.kiosk, online: state.tickets_left.online })));
  } else if (state.next_morning) {
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${state.next_morning.date}T12:00:00`));
    parts.push(line(say('queueLive.next', { day, from: state.next_morning.from, to: state.next_morning.to })));
  }
  $('now').replaceChildren(...parts);
}

document.documentElement.lang = lang;
await loadTexts('console-queue-live', [lang]);
fillStatic(lang);
document.title = say('queueLive.title');

const poll = poller(`/api/queue/offices/${encodeURIComponent(office)}/state`);
every(30, document.body, async () => {
  try {
    const { changed, data } = await poll();
    if (changed) show(data);
    const time = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(new Date());
    $('updated').textContent = say('queueLive.updated', { time });
  } catch {
    $('updated').textContent = say('queueLive.offline');
  }
});
