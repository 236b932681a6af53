// Bürgerservice service worker: app shell offline, public town data as a
// fallback, nothing personal ever cached.
//
// VERSION changes whenever a file in APP_SHELL changes: the new worker then
// precaches the new files and the page offers "Neu laden". SHELL_HASH records
// the files' contents; a unit test fails when they changed and it did not, and
// `make sw-version` renews both (tests/unit/test_sw_version.py, infra/sw_version.py).

const VERSION = '2026-11-30.17';
const SHELL_HASH = '1e0d5c2916d06c25';
const CACHE_PREFIX = 'buergerservice-';
const SHELL_CACHE = `${CACHE_PREFIX}shell-${VERSION}`;
const DATA_CACHE = `${CACHE_PREFIX}data`; // survives updates: public data only

const SHELL_URL = '/';
const OFFLINE_URL = '/offline.html';

const APP_SHELL = [
  SHELL_URL,
  OFFLINE_URL,
  '/manifest.webmanifest',
  '/css/app.css',
  '/js/api.js',
  '/js/app.js',
  '/js/dom.js',
  '/js/forms.js',
  '/js/i18n.js',
  '/js/richtext.js',
  '/js/router.js',
  '/js/saved.js',
  '/js/routes.js',
  '/js/shell.js',
  '/js/sw-register.js',
  '/js/town.js',
  '/js/views/contact.js',
  '/js/views/home.js',
  '/js/views/legal.js',
  '/js/views/notfound.js',
  '/js/views/offline.js',
  // appointment booking
  '/css/booking.css',
  '/js/calendar.js',
  '/js/push.js',
  '/js/booking/index.js',
  '/js/booking/common.js',
  '/js/booking/confirm.js',
  '/js/booking/day.js',
  '/js/booking/details.js',
  '/js/booking/device.js',
  '/js/booking/done.js',
  '/js/booking/manage.js',
  '/js/booking/mine.js',
  '/js/booking/offer.js',
  '/js/booking/office.js',
  '/js/booking/services.js',
  '/js/booking/summary.js',
  '/js/booking/time.js',
  '/js/booking/waitlist.js',
  '/js/booking/wizard.js',
  // document status
  '/css/documents.css',
  '/js/documents/index.js',
  '/js/documents/device.js',
  '/js/documents/mine.js',
  '/js/documents/notify.js',
  '/js/documents/order.js',
  '/js/documents/resubscribe.js',
  // citizen surveys
  '/css/survey.css',
  '/css/survey-scales.css',
  '/js/outbox.js',
  '/js/survey/index.js',
  '/js/survey/done.js',
  '/js/survey/pages.js',
  '/js/survey/parts.js',
  '/js/survey/numbers.js',
  '/js/survey/raffle.js',
  '/js/survey/scales.js',
  // walk-in tickets
  '/css/queue.css',
  '/js/queue/index.js',
  '/js/queue/alert.js',
  '/js/queue/offices.js',
  '/js/queue/store.js',
  '/js/queue/ticket.js',
  '/js/queue/tones.js',
  // messages of the citizen app's areas (the console's are not kept offline)
  '/i18n/de/common.json',
  '/i18n/de/booking.json',
  '/i18n/de/booking-more.json',
  '/i18n/de/documents.json',
  '/i18n/de/survey.json',
  '/i18n/de/survey-end.json',
  '/i18n/de/queue.json',
  '/i18n/en/common.json',
  '/i18n/en/booking.json',
  '/i18n/en/booking-more.json',
  '/i18n/en/documents.json',
  '/i18n/en/survey.json',
  '/i18n/en/survey-end.json',
  '/i18n/en/queue.json',
  '/icons/icon.svg',
  '/icons/sprite.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/maskable-192.png',
  '/icons/maskable-512.png',
];

// Citizen app paths answered by the shell (keep in step with js/routes.js).
const APP_PATHS = /^\/(?:umfrage(?:\/.*)?|termin(?:\/.*)?|wartemarke(?:\/.*)?|dokumente(?:\/.*)?|kontakt|impressum|datenschutz|barrierefreiheit)?\/?$/;

// Public, anonymous API answers that may be kept for offline use: the town's data (profile and
// legal texts) and the open surveys (list and questions; never a one-visit link's answer,
// which has a query).
// Always asked from the network first; the copy is only for when there is none.
const PUBLIC_API = [/^\/api\/town(?:\/legal)?$/, /^\/api\/public\/surveys$/, /^\/api\/public\/surveys\/[^/]+$/];
const isPublicData = (url) => !url.search && PUBLIC_API.some((path) => path.test(url.pathname));

// Kept at install, so that the app starts offline after its first visit: that visit's own
// requests went out before the worker controlled the page and were not kept.
const PUBLIC_AT_INSTALL = ['/api/town', '/api/town/legal', '/api/public/surveys'];

// Staff and session endpoints: never touched, never cached.
const PRIVATE_API = /^\/api\/(?:auth|admin|staff)(?:\/|$)/;

// On a developer's machine files change all the time: prefer the network.
const LOCAL = ['localhost', '127.0.0.1', '[::1]'].includes(self.location.hostname);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(APP_SHELL.map((url) => new Request(url, { cache: 'reload' })));
    const data = await caches.open(DATA_CACHE);
    await Promise.all(PUBLIC_AT_INSTALL.map(async (url) => {
      try {
        const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
        if (storable(response)) await data.put(url, response);
      } catch {
        // no connection right now: kept with the next visit
      }
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keep = [SHELL_CACHE, DATA_CACHE];
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && !keep.includes(name))
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

function storable(response) {
  if (!response || !response.ok || response.type !== 'basic') return false;
  const control = response.headers.get('Cache-Control') || '';
  return !/no-store|private/i.test(control) && !response.headers.has('Set-Cookie');
}

async function fromNetworkOr(request, fallback) {
  try {
    return await fetch(request);
  } catch {
    return (await fallback()) || Response.error();
  }
}

async function navigation(request, url) {
  return fromNetworkOr(request, async () => {
    const cache = await caches.open(SHELL_CACHE);
    if (APP_PATHS.test(url.pathname)) {
      const shell = await cache.match(SHELL_URL);
      if (shell) return shell;
    }
    return cache.match(OFFLINE_URL);
  });
}

async function publicData(request) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (storable(response)) await cache.put(request, response.clone());
    return response;
  } catch {
    return (await cache.match(request, { ignoreVary: true })) || Response.error();
  }
}

async function shellFile(request) {
  const cache = await caches.open(SHELL_CACHE);
  if (LOCAL) {
    return fromNetworkOr(request, () => cache.match(request, { ignoreSearch: true }));
  }
  return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (PRIVATE_API.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigation(request, url));
  } else if (url.pathname.startsWith('/api/')) {
    if (isPublicData(url)) event.respondWith(publicData(request));
  } else if (APP_SHELL.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});

// --- Web Push: appointment reminders, "earlier appointment" offers, "your document is ready" ---
// Two payloads: the Declarative Web Push format ({ web_push: 8030, notification: { title, body,
// navigate, lang, tag, ... } }), which Safari shows even without this worker, and the older
// { title, body, url, tag, lang } of the booking reminders. The same tag replaces an earlier notice.

const PUSH_STORE = 'push-bookings'; // written by js/push.js: manage tokens with push reminders
const PUSH_STORE_URL = '/push-bookings.json';

function notificationOf(data) {
  const n = data.web_push === 8030 && data.notification ? data.notification : null;
  if (n) {
    return {
      title: n.title || 'Bürgerservice',
      options: { body: n.body || '', tag: n.tag || 'buergerservice', lang: n.lang || 'de', dir: n.dir || 'auto',
        silent: n.silent === true, data: { url: n.navigate || '/' } },
    };
  }
  return {
    title: data.title || 'Bürgerservice',
    options: { body: data.body || '', tag: data.tag || 'buergerservice', lang: data.lang || 'de', data: { url: data.url || '/' } },
  };
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data.text() };
  }
  const { title, options } = notificationOf(data);
  event.waitUntil(self.registration.showNotification(title, {
    ...options, icon: '/icons/icon-192.png', badge: '/icons/icon-192.png',
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  let target = new URL(event.notification.data?.url || '/', self.location.origin);
  // Only pages of this app open: another origin's address keeps just its path, here.
  if (target.origin !== self.location.origin) target = new URL(target.pathname + target.search, self.location.origin);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((client) => client.url === target.href);
    if (open) return open.focus();
    // A window of the citizen app (not the console) shows the page instead of a new one.
    const app = windows.find((client) => client.url.startsWith(self.location.origin) && !new URL(client.url).pathname.startsWith('/console'));
    if (app) {
      try {
        const moved = await app.navigate(target.href);
        if (moved) return moved.focus().catch(() => moved);
      } catch {
        // not controlled by this worker: open a window below
      }
    }
    return self.clients.openWindow(target.href);
  })());
});

// The browser renewed (or dropped) the subscription: subscribe again and tell the API for
// every booking on this device that has reminders by push.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(PUSH_STORE);
    const stored = await cache.match(PUSH_STORE_URL);
    const today = new Date().toISOString().slice(0, 10);
    const bookings = (stored ? await stored.json() : []).filter((entry) => entry.until >= today);
    if (!bookings.length) return;
    let subscription = event.newSubscription;
    if (!subscription) {
      let key = event.oldSubscription?.options?.applicationServerKey;
      if (!key) {
        const answer = await fetch('/api/push/public-key', { headers: { Accept: 'application/json' } });
        const text = (await answer.json()).public_key.replace(/-/g, '+').replace(/_/g, '/');
        key = Uint8Array.from(atob(text + '='.repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
      }
      subscription = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    }
    const body = (token) => JSON.stringify({ token, subscription: subscription.toJSON() });
    await Promise.all(bookings.map((entry) => fetch('/api/booking/push', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body(entry.token),
    }).catch(() => null)));
  })());
});
