// What this device keeps of the walk-in queue: a random device id (one ticket every few minutes),
// and the current ticket's token with its last known state, so the ticket survives closing the
// app and shows offline. No personal data: a number, a category, times.
import { load as read, save as write } from '../saved.js';

const TICKET = 'queue.ticket';
const DEVICE = 'queue.device';

function berlinToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
}

// In private mode nothing is kept: the ticket lasts while the page is open.

export function deviceId() {
  let id = read(DEVICE);
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    write(DEVICE, id);
  }
  return id;
}

// { token, ticket, seen } of today, or null.
export function myTicket() {
  const saved = read(TICKET);
  if (!saved?.token || !saved.ticket) return null;
  if (saved.ticket.date < berlinToday()) {
    write(TICKET, null);
    return null;
  }
  return saved;
}

export function rememberTicket(token, ticket) {
  write(TICKET, { token, ticket, seen: new Date().toISOString() });
}

export function forgetTicket() {
  write(TICKET, null);
}

// The live endpoints answer 304 while nothing changed: each poller keeps its ETag.
// GET only; everything that changes data goes through api.js.
export function poller(path) {
  let etag = null;
  return async function poll() {
    const headers = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'de' };
    if (etag) headers['If-None-Match'] = etag;
    const res = await fetch(path, { headers, cache: 'no-cache' });
    if (res.status === 304) return { changed: false };
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      const err = new Error(data?.error?.message || `HTTP ${res.status}`);
      err.status = res.status;
      err.code = data?.error?.code;
      throw err;
    }
    etag = res.headers.get('ETag');
    return { changed: true, data };
  };
}

// Runs step() now and every `seconds` while `node` is on the page.
export function every(seconds, node, step) {
  let timer = null;
  let started = false;
  const tick = async () => {
    if (started && !node.isConnected) return;
    started = started || node.isConnected;
    try {
      await step();
    } finally {
      timer = setTimeout(tick, (document.hidden ? 3 : 1) * seconds * 1000);
    }
  };
  tick();
  return () => clearTimeout(timer);
}
