// Orders followed on this device ("Meine Dokumente"): reference, document type, the last state
// seen (shown when offline) and whether this device gets its notices. No name, no e-mail.
import { loadList, save } from '../saved.js';

const KEY = 'documents.mine';
const FINAL = ['collected', 'returned'];
const KEEP_FINAL_DAYS = 7;

const read = () => loadList(KEY).filter((e) => e && typeof e.reference === 'string');
const write = (list) => save(KEY, list); // lost in private mode: the receipt still has the reference

export const pushPath = (reference) => `/api/documents/orders/${encodeURIComponent(reference)}/push`;

export const compact = (reference) => String(reference).replace(/[^0-9A-Za-z]/g, '').toUpperCase();

// Finished orders stay a week, like their data on the server.
export function followed() {
  const cutoff = Date.now() - KEEP_FINAL_DAYS * 86400000;
  const all = read();
  const current = all.filter((e) => !FINAL.includes(e.order?.state) || Date.parse(e.seen) > cutoff);
  if (current.length !== all.length) write(current);
  return current;
}

export const entryFor = (reference) => followed().find((e) => compact(e.reference) === compact(reference)) || null;

// order: the API's view of the order, kept for offline use (it holds the locker code while there is one).
export function remember(order, extra = {}) {
  const old = entryFor(order.reference) || {};
  const entry = { ...old, ...extra, reference: order.reference, order, seen: new Date().toISOString() };
  write([...followed().filter((e) => compact(e.reference) !== compact(order.reference)), entry]);
  return entry;
}

export function forget(reference) {
  write(followed().filter((e) => compact(e.reference) !== compact(reference)));
}

export const hasPushOrders = () => followed().some((e) => e.push && !FINAL.includes(e.order?.state));
