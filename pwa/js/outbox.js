// Survey submissions waiting to be sent: an IndexedDB queue that survives a
// lost connection, a reload or a closed tab. Every entry carries its own
// idempotency key, so the server counts it once however often it is sent.
//
// Entry: { surveyId, key, answers, visit, source, createdAt }.
// flush() sends everything waiting; it runs when a survey page opens, on the
// "online" event, when the page becomes visible again and every 30 s while
// something waits. An entry leaves the queue only after a 2xx answer or a
// definitive 4xx (not 408/429/request_in_progress); document events tell the pages:
// "survey:sent" { entry, answer } and "survey:failed" { entry, error }.
import { api } from './api.js';

const DB = 'buergerservice-outbox';
const STORE = 'survey-responses';
const HINT = 'survey-outbox'; // localStorage: how many wait, so pages can skip IndexedDB
const RETRY_MS = 30_000;
const TICKET_MS = 23 * 3600 * 1000; // the server accepts a raffle ticket for 24 hours
const memory = new Map(); // stand-in when IndexedDB is unavailable (lasts as long as the page)

let db = null;
let queued = null;
let chain = Promise.resolve();
let timer = 0;

function database() {
  db ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return db;
}

async function run(mode, work) {
  const tx = (await database()).transaction(STORE, mode);
  const req = work(tx.objectStore(STORE));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function setLocal(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked: only the hint or marker is lost
  }
}

export async function pending() {
  let stored = [];
  try {
    stored = await run('readonly', (s) => s.getAll());
  } catch {
    // no IndexedDB: only what this page keeps in memory
  }
  return [...stored, ...memory.values()];
}

async function hint() {
  const count = (await pending()).length;
  setLocal(HINT, count ? String(count) : null);
}

export async function add(entry) {
  try {
    await run('readwrite', (s) => s.put(entry));
  } catch {
    memory.set(entry.key, entry);
  }
  await hint();
}

async function remove(key) {
  memory.delete(key);
  try {
    await run('readwrite', (s) => s.delete(key));
  } catch {
    // nothing stored there
  }
  await hint();
}

// After a 2xx: the device marker (not for one-visit links) and the raffle ticket.
function remember({ surveyId, visit }, answer) {
  if (!visit) setLocal(`survey-done:${surveyId}`, '1');
  if (answer?.raffle?.ticket) {
    setLocal(`survey-ticket:${surveyId}`, JSON.stringify({ ...answer.raffle, until: Date.now() + TICKET_MS }));
  }
}

const emit = (type, detail) => document.dispatchEvent(new CustomEvent(type, { detail }));
const definitive = (error) => error.status >= 400 && error.status < 500 && error.status !== 408
  && error.status !== 429 && error.code !== 'request_in_progress';

// -> { answer } | { wait: true, error } | { error }
async function sendOne(entry) {
  const { surveyId, key, answers, visit, source } = entry;
  const query = source === 'qr' ? '?source=qr' : '';
  try {
    const answer = await api.post(`/api/public/surveys/${encodeURIComponent(surveyId)}/responses${query}`,
      { answers, visit }, { idempotencyKey: key });
    remember(entry, answer);
    await remove(key);
    emit('survey:sent', { entry, answer });
    return { answer };
  } catch (error) {
    if (!definitive(error)) return { wait: true, error };
    await remove(key);
    emit('survey:failed', { entry, error });
    return { error };
  }
}

async function sendAll() {
  clearTimeout(timer);
  const results = new Map();
  for (const entry of await pending()) results.set(entry.key, await sendOne(entry));
  if ([...results.values()].some((r) => r.wait)) timer = setTimeout(flush, RETRY_MS);
  else await hint(); // also after the database was cleared from outside
  return results;
}

// Send what waits; resolves to a Map key -> result. Passes run one after the
// other; calls while a pass is waiting to start share it.
export function flush() {
  if (!queued) {
    queued = chain.then(() => {
      queued = null;
      return sendAll();
    }).catch(() => new Map());
    chain = queued;
  }
  return queued;
}

window.addEventListener('online', () => flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') flush();
});
