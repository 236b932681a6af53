// Shared parts of the appointment pages (role "office"): section navigation,
// Berlin dates and times, the catalogue, the office picker, status badges, errors.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { has, locale, localized, t } from '../../js/i18n.js';
import { errorText } from '../../js/shell.js';

export const TZ = 'Europe/Berlin';
const OFFICE_KEY = 'office.office';

// The pages of the section; "" is the day view at /console/termine.
export const TABS = [
  { slug: '', label: 'console.office.tab.day' },
  { slug: 'einchecken', label: 'console.office.tab.checkin' },
  { slug: 'telefon', label: 'console.office.tab.phone' },
  { slug: 'sperren', label: 'console.office.tab.capacity' },
  { slug: 'statistik', label: 'console.office.tab.stats' },
];

export function tabHref(slug, query) {
  const path = slug ? `/console/termine/${slug}` : '/console/termine';
  const search = query ? new URLSearchParams(query).toString() : '';
  return search ? `${path}?${search}` : path;
}

export function subnav(current) {
  return h('nav', { class: 'office-tabs', 'aria-label': t('console.office.tabsLabel') },
    h('ul', {}, TABS.map((tab) => h('li', {},
      h('a', { href: tabHref(tab.slug), 'aria-current': tab.slug === current ? 'page' : null }, t(tab.label))))));
}

// The page frame: section navigation, heading, lead text, content.
export function page(slug, title, lead, ...content) {
  return h('div', { class: 'view office-view' },
    subnav(slug),
    h('h1', {}, title),
    lead && h('p', { class: 'lead' }, lead),
    ...content,
  );
}

// --- dates and times: always those of Europe/Berlin, whatever the device's zone --------------

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayIso() {
  return isoDay.format(new Date());
}

export function isDay(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value || '') && !Number.isNaN(new Date(`${value}T12:00:00Z`).getTime());
}

export function addDays(day, delta) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

export function addMonths(month, delta) {
  const [year, mon] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, mon - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

// "Montag, 23. November 2026" (style "full") or "Mo., 23.11.2026" (style "short").
export function formatDay(day, style = 'full') {
  const options = style === 'full'
    ? { dateStyle: 'full', timeZone: 'UTC' }
    : { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(`${day}T12:00:00Z`));
}

export function formatMonth(month) {
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${month}-15T12:00:00Z`));
}

// Wall-clock time of an ISO date-time the API gives in Berlin time ("2026-11-23T08:00:00+01:00").
export function clock(dateTime) {
  return String(dateTime).slice(11, 16);
}

export function dayOf(dateTime) {
  return String(dateTime).slice(0, 10);
}

export function minutesBetween(start, end) {
  return Math.round((new Date(end) - new Date(start)) / 60000);
}

export function hasBegun(dateTime) {
  return new Date(dateTime).getTime() <= Date.now();
}

export function timeRange(start, end) {
  return h('span', { class: 'time-range' },
    h('time', { datetime: start }, clock(start)), '–', h('time', { datetime: end }, clock(end)));
}

// --- catalogue, offices ------------------------------------------------------------------------

let cataloguePromise = null;

export function catalogue() {
  cataloguePromise ??= api.get('/api/booking/catalogue').catch((err) => {
    cataloguePromise = null;
    throw err;
  });
  return cataloguePromise;
}

export function officeById(cat, id) {
  return cat.offices.find((office) => office.id === id);
}

// The office chosen last on this device (the query wins), else the first.
export function chooseOffice(offices, wanted) {
  let stored = null;
  try {
    stored = localStorage.getItem(OFFICE_KEY);
  } catch {
    // storage unavailable: start with the first office
  }
  const ids = offices.map((office) => office.id);
  for (const id of [wanted, stored]) if (id && ids.includes(id)) return id;
  return ids[0];
}

export function rememberOffice(id) {
  try {
    localStorage.setItem(OFFICE_KEY, id);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function officeSelect({ id, offices, value, name = 'office' }) {
  const select = h('select', { id, name, autocomplete: 'off' },
    offices.map((office) => h('option', { value: office.id, selected: office.id === value }, office.name)));
  return { select, wrap: h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, t('console.office.office')), select) };
}

export function serviceNames(services) {
  return services.map((service) => localized(service.name)).join(', ');
}

// "Schalter C1" / "Abholplatz P1"
export function counterLabel(counter) {
  if (!counter) return t('console.office.allCounters');
  return t(counter.startsWith('P') ? 'console.office.pickupPlace' : 'console.office.counter', { id: counter });
}

// The server's reason for a closed day, in the page's language where it has a known form.
export function closedText(reason) {
  const holiday = /^public holiday \((.+)\)$/.exec(reason || '');
  if (holiday) return t('console.office.closed.holiday', { name: holiday[1] });
  if (/^no opening hours on /.test(reason || '')) return t('console.office.closed.noHours');
  return t('console.office.closed.other', { reason });
}

export const STATUSES = ['pending', 'confirmed', 'checked_in', 'no_show', 'done', 'cancelled', 'released'];

export function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, t(`console.office.status.${status}`));
}

export function officeError(err) {
  // A check-in on another day names that day.
  if (err?.code === 'not_today' && isDay(err.details?.date)) {
    return t('console.office.error.not_today_on', { date: formatDay(err.details.date) });
  }
  if (err?.code && has(`console.office.error.${err.code}`)) return t(`console.office.error.${err.code}`);
  return errorText(err);
}

export function errorNotice(err) {
  return h('p', { class: 'notice notice-error', role: 'alert' }, officeError(err));
}

// A fresh Idempotency-Key (8-128 of A-Z a-z 0-9 - _).
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Booking codes as people type them: upper case, no spaces or dashes.
export function cleanCode(text) {
  return String(text || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

// A cleaned code that can be a booking code: 8 of 3-9 F K R U X (shown as "7KXR-94FU").
// Codes of the old alphabet ("8EBDZRPS") cannot.
export function isBookingCode(code) {
  return /^[3-9FKRUX]{8}$/.test(code);
}

// A cleaned code in the two groups it is printed and read out in ("7KXR94FU" -> "7KXR-94FU").
export function groupCode(code) {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

// A stable key of the focused control, to give the focus back after a redraw.
export function focusKey() {
  return document.activeElement?.closest?.('[data-focus-key]')?.dataset.focusKey || null;
}

export function restoreFocus(root, key, fallbackKey) {
  if (!key) return;
  const target = root.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)
    || (fallbackKey && root.querySelector(`[data-focus-key="${CSS.escape(fallbackKey)}"]`));
  if (target && document.activeElement !== target) target.focus({ preventScroll: true });
}
