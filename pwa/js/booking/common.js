// Shared pieces of the booking pages: catalogue, Europe/Berlin formatting,
// service names, the "please bring" checklist.
import { api } from '../api.js';
import { h } from '../dom.js';
import { localized, locale, t } from '../i18n.js';

export const ZONE = 'Europe/Berlin';

let pending = null;

export function catalogue() {
  pending ??= api.get('/api/booking/catalogue').catch((err) => {
    pending = null;
    throw err;
  });
  return pending;
}

export const serviceOf = (cat, id) => cat.services.find((s) => s.id === id);
export const officeOf = (cat, id) => cat.offices.find((o) => o.id === id);

// Instants (ISO with offset) always shown in the town's time zone.
export function format(iso, options) {
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, ...options }).format(new Date(iso));
}

export const DAY = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
export const timeOf = (iso) => format(iso, { hour: '2-digit', minute: '2-digit' });
export const dayOf = (iso) => format(iso, DAY);
export const when = (iso) => t('booking.when', { day: dayOf(iso), time: t('booking.clock', { time: timeOf(iso) }) });

// A calendar date ("2026-11-24") as text; it names a day, not an instant.
export function dateText(date, options = DAY) {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', ...options }).format(new Date(`${date}T12:00:00Z`));
}

// Today (or a moment) as YYYY-MM-DD in Europe/Berlin.
export function berlinDate(moment = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(moment);
}

export const minutes = (count) => t('booking.minutes', { count });

// Documents of the chosen services, each once, in the current language.
export function documentsFor(services) {
  return [...new Set(services.flatMap((s) => localized(s.documents) || []))];
}

export function checklist(items, id = 'booking-bring') {
  return h('section', { class: 'bring', 'aria-labelledby': id },
    h('h2', { id }, t('booking.bring.title')),
    h('p', {}, t('booking.bring.text')),
    h('ul', { class: 'bring-list' }, items.map((item) => h('li', {}, item))));
}

// replaceChildren that leaves out conditional parts (false, null, undefined) like h() does.
export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return node;
}

// Focus a heading that was just put on screen (step changes, results).
export function focusHeading(node) {
  const heading = node.querySelector('h1, h2, h3');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
  heading.scrollIntoView({ block: 'nearest' });
}

// A wizard step: "Schritt 2 von 5: Bürgerbüro wählen" as its heading.
export function step(ctx, title, ...children) {
  return h('section', { class: 'step', 'aria-labelledby': 'step-title' },
    h('h2', { id: 'step-title' },
      h('span', { class: 'step-count' }, ctx.number, h('span', { class: 'sr-only' }, ': ')), title),
    ...children);
}

export function stepActions(ctx, nextLabel = t('booking.next')) {
  return h('div', { class: 'actions step-actions' },
    nextLabel && h('button', { type: 'submit', class: 'button' }, nextLabel),
    ctx.back && h('button', { type: 'button', class: 'button button-secondary', onclick: ctx.back }, t('booking.back')));
}

// One error message for a group of controls (a fieldset); announced at once.
export function groupError(group, message) {
  group.querySelector(':scope > .field-error')?.remove();
  group.classList.toggle('field-invalid', Boolean(message));
  const controls = [...group.querySelectorAll('input')];
  const id = `${group.id}-error`;
  const hint = group.getAttribute('aria-describedby')?.split(' ').filter((x) => x !== id) || [];
  for (const control of controls) control.toggleAttribute('aria-invalid', Boolean(message));
  group.setAttribute('aria-describedby', [...hint, message && id].filter(Boolean).join(' '));
  if (!message) return;
  group.querySelector(':scope > legend').after(h('p', { id, class: 'field-error', role: 'alert' },
    h('span', { class: 'sr-only' }, `${t('form.errorPrefix')} `), message));
  controls[0]?.focus();
}
