// Tools of the day view: find an appointment by name or code (names on the loaded day,
// a code on any day through the API), print the day list, download it as CSV.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { lang, t } from '../../js/i18n.js';
import {
  cleanCode, clock, counterLabel, formatDay, groupCode, isBookingCode, officeError, statusBadge,
} from './common.js';

// Does an appointment match what was typed (part of the name, or the code with or without dashes)?
export function matches(appointment, text) {
  const wanted = text.trim().toLocaleLowerCase();
  if (!wanted) return true;
  const code = cleanCode(text);
  return appointment.name.toLocaleLowerCase().includes(wanted)
    || (code.length >= 3 && cleanCode(appointment.code).includes(code));
}

export function exportHref(office, day) {
  const query = new URLSearchParams({ office, date: day, lang: lang() });
  return `/api/office/day/export?${query}`;
}

// dayTools({ onFilter(text), onOpen(office, day, code), current: () => ({ office, day, appointments }) })
export function dayTools({ onFilter, onOpen, current }) {
  const input = h('input', {
    id: 'day-search', name: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'day-search-hint',
  });
  const found = h('div', { class: 'day-found', 'aria-live': 'polite' });
  const form = h('form', { class: 'day-search', role: 'search', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'day-search' }, t('console.office.find.label')),
      h('p', { class: 'hint', id: 'day-search-hint' }, t('console.office.find.hint')),
      h('div', { class: 'search-row' }, input,
        h('button', { type: 'submit', class: 'button button-secondary' }, t('console.office.find.submit')))),
    found);
  input.addEventListener('input', () => {
    found.replaceChildren();
    onFilter(input.value);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value;
    const { appointments } = current();
    const code = cleanCode(text);
    const here = appointments.filter((a) => matches(a, text));
    onFilter(text);
    if (!here.length && code.length === 8 && !isBookingCode(code) && /\d/.test(code)) {
      // Eight letters and digits, but not of a booking code (an old-style code, a misheard letter).
      found.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, t('console.office.checkin.codeInvalid')));
      return;
    }
    if (here.length || !isBookingCode(code)) {
      found.replaceChildren(h('p', { class: 'muted' }, t('console.office.find.count', { count: here.length })));
      return;
    }
    // Not on this day: look the code up on any day.
    try {
      const { booking } = await api.get(`/api/office/bookings/${encodeURIComponent(groupCode(code))}`);
      found.replaceChildren(h('div', { class: 'notice find-result' },
        h('p', {}, h('strong', {}, booking.name), ' · ', h('code', { class: 'booking-code' }, booking.code), ' ',
          statusBadge(booking.status)),
        h('p', {}, t('console.office.find.where', {
          date: formatDay(booking.date), time: clock(booking.start), office: booking.office.name, counter: counterLabel(booking.counter),
        })),
        h('button', { type: 'button', class: 'button button-small', onclick: () => {
          input.value = '';
          found.replaceChildren();
          onOpen(booking.office.id, booking.date, booking.code);
        } }, t('console.office.find.open'))));
    } catch (err) {
      found.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, officeError(err)));
    }
  });

  const download = h('a', { class: 'button button-secondary', download: '' }, t('console.office.day.export'));
  const print = h('button', { type: 'button', class: 'button button-secondary', onclick: () => window.print() },
    t('console.office.day.print'));
  const outputs = h('div', { class: 'actions day-outputs' }, print, download);
  return {
    search: form,
    outputs,
    update(office, day) {
      download.href = exportHref(office, day);
    },
    text: () => input.value,
  };
}
