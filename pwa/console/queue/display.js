// Call display for the waiting room (public, full screen): the last called numbers with their
// counters, the newest highlighted and blinking three times; announced to screen readers and, once
// switched on with a click (autoplay rules), by a gong and a German spoken call, one after another.
// It polls the office's state with ETag; without a network it shows since when and catches up.
// Its texts come from /i18n/<lang>/console-queue-display.json: German, with English beside the headings;
// the spoken call is always German.
import { every, poller } from '../../js/queue/store.js';
import { playTones } from '../../js/queue/tones.js';
import { fillStatic, loadTexts, text } from './screen-text.js';

const POLL_SECONDS = 3;
const office = new URLSearchParams(location.search).get('office') || 'willich';
const $ = (id) => document.getElementById(id);
const de = (key, vars) => text('de', key, vars);
const time = (iso) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(iso ? new Date(iso) : new Date());

let seen = null; // keys of calls already shown
let audio = null;
let speaking = Promise.resolve();

function key(call) {
  return `${call.number}|${call.counter}|${call.at}`;
}

function gong() {
  if (!audio) return Promise.resolve();
  playTones(audio, [[0, 784], [0.45, 523]], 0.9, 0.3);
  return new Promise((resolve) => { setTimeout(resolve, 1400); });
}

function say(text) {
  if (!audio || !('speechSynthesis' in window)) return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'de-DE';
    utterance.rate = 0.9;
    utterance.onend = resolve;
    utterance.onerror = resolve;
    speechSynthesis.speak(utterance);
    setTimeout(resolve, 8000); // never wait for ever on a silent voice
  });
}

// Calls are announced one after another, never over each other.
function announce(call) {
  const spoken = de('queueDisplay.spoken', { number: call.number, counter: call.counter });
  speaking = speaking.then(async () => {
    $('announce').textContent = spoken;
    await gong();
    await say(spoken);
  });
}

function show(state) {
  $('office').textContent = de('queueDisplay.office', { office: state.office.name });
  document.title = $('office').textContent;
  const rows = state.called.map((call, i) => {
    const tr = document.createElement('tr');
    if (i === 0) tr.className = 'newest';
    if (seen && !seen.has(key(call))) tr.classList.add('blink');
    for (const text of [call.number, call.counter]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $('calls').replaceChildren(...rows);
  $('main').removeAttribute('aria-busy');
  if (seen) state.called.filter((call) => !seen.has(key(call))).reverse().forEach(announce);
  seen = new Set(state.called.map(key));
  try {
    localStorage.setItem(`queue.display.${office}`, JSON.stringify(state));
  } catch {
    // no storage: the screen still works while open
  }
}

await loadTexts('console-queue-display', ['de', 'en']);
fillStatic('de');
document.title = de('queueDisplay.title');

$('sound').addEventListener('click', (event) => {
  const Context = window.AudioContext || window.webkitAudioContext;
  audio = audio || (Context ? new Context() : null);
  audio?.resume();
  event.currentTarget.hidden = true;
  say(de('queueDisplay.soundOn'));
});

try {
  const last = JSON.parse(localStorage.getItem(`queue.display.${office}`) || 'null');
  if (last) show(last);
} catch {
  // nothing kept yet
}

const poll = poller(`/api/queue/offices/${encodeURIComponent(office)}/state`);
every(POLL_SECONDS, document.body, async () => {
  $('clock').textContent = time();
  try {
    const { changed, data } = await poll();
    if (changed) show(data);
    $('offline').hidden = true;
    $('updated').textContent = de('queueDisplay.updated', { time: time() });
  } catch {
    $('offline').hidden = false;
  }
});
