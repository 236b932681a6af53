// Web Push for appointment reminders: feature detection, permission (only
// after the citizen's click), subscription with the server's VAPID key, and
// the list of bookings the service worker re-subscribes when the browser
// renews the subscription (event "pushsubscriptionchange" in sw.js).
import { api } from './api.js';

// Shared with sw.js: manage tokens of bookings that get reminders by push.
const STORE = 'push-bookings';
const STORE_URL = '/push-bookings.json';

export function pushSupported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
    && Notification.permission !== 'denied';
}

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function within(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

// Call from a click handler. Resolves to PushSubscription.toJSON(); rejects with
// an Error whose message is "denied", "unavailable" or the browser's reason.
export async function subscribePush() {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('denied');
  const [{ public_key: key }, registration] = await Promise.all([
    api.get('/api/push/public-key'),
    within(navigator.serviceWorker.ready, 10000),
  ]);
  if (!key) throw new Error('unavailable');
  const existing = await registration.pushManager.getSubscription();
  const subscription = existing || await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key),
  });
  return subscription.toJSON();
}

async function store(change) {
  try {
    const cache = await caches.open(STORE);
    const old = await cache.match(STORE_URL);
    const today = new Date().toISOString().slice(0, 10);
    const list = (old ? await old.json() : []).filter((entry) => entry.until >= today);
    const next = change(list);
    await cache.put(STORE_URL, new Response(JSON.stringify(next), { headers: { 'Content-Type': 'application/json' } }));
  } catch {
    // no Cache API (private mode): the worker cannot renew, reminders fall back to e-mail
  }
}

// until: the appointment day (YYYY-MM-DD); after it the entry is dropped.
export function rememberPush(token, until) {
  return store((list) => [...list.filter((e) => e.token !== token), { token, until }]);
}

export function forgetPush(token) {
  return store((list) => list.filter((e) => e.token !== token));
}

// Store (or with null remove) the subscription for one booking.
export async function sendPush(token, subscription, until) {
  const answer = await api.put('/api/booking/push', { token, subscription });
  await (subscription ? rememberPush(token, until) : forgetPush(token));
  return answer;
}
