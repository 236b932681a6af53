// Appointment statistics: anonymous counts of bookings, cancellations, no-shows and
// completed visits per service, office and day, for a period of whole months.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { localized, t } from '../../js/i18n.js';
import { addMonths, catalogue, errorNotice, formatDay, formatMonth, page, tabHref, todayIso } from './common.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_MONTHS = 12;
const COLUMNS = ['booked', 'cancelled', 'no_show', 'done'];
const TOTALS = ['booked', 'phone', 'cancelled', 'released', 'no_show', 'checked_in', 'done'];

function monthsBetween(from, to) {
  const months = [];
  for (let month = from; month <= to && months.length < MAX_MONTHS; month = addMonths(month, 1)) months.push(month);
  return months;
}

function sumInto(target, key, row) {
  const entry = target.get(key) || Object.fromEntries(TOTALS.map((event) => [event, 0]));
  for (const event of TOTALS) entry[event] += row[event] || 0;
  target.set(key, entry);
}

// A bar in 5 % steps (classes stat-bar-0 ... stat-bar-20); the number beside it is what counts.
function bar(value, max) {
  const step = max ? Math.round((value / max) * 20) : 0;
  return h('span', { class: 'stat-bar-track', 'aria-hidden': 'true' }, h('span', { class: `stat-bar stat-bar-${step}` }));
}

function table({ id, caption, firstColumn, entries, label }) {
  const max = Math.max(0, ...entries.map(([, counts]) => counts.booked));
  const heads = [firstColumn, ...COLUMNS.map((c) => t(`console.office.stats.${c}`))];
  const cell = (i, ...content) => h('td', { 'data-label': heads[i] }, ...content);
  return h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': id, tabindex: '0' },
    h('table', { class: 'table table-stack stats-table' },
      h('caption', { id, class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, heads.map((text, i) => h('th', { scope: 'col', class: i ? 'num' : null }, text)))),
      h('tbody', {}, entries.map(([key, counts]) => h('tr', {},
        h('th', { scope: 'row', 'data-label': heads[0] }, label(key)),
        cell(1, h('span', { class: 'stat-bar-cell' }, h('span', { class: 'num-value' }, String(counts.booked)), bar(counts.booked, max))),
        ...COLUMNS.slice(1).map((event, i) => cell(i + 2, h('span', { class: 'num-value' }, String(counts[event]))))))),
    ),
  );
}

export default async function stats({ query }) {
  const cat = await catalogue();
  const thisMonth = todayIso().slice(0, 7);
  let from = MONTH.test(query.get('von') || '') ? query.get('von') : thisMonth;
  let to = MONTH.test(query.get('bis') || '') ? query.get('bis') : from;
  let office = cat.offices.some((o) => o.id === query.get('buero')) ? query.get('buero') : '';

  const fromInput = h('input', { id: 'stats-from', name: 'from', type: 'month', value: from, required: true,
    pattern: '\\d{4}-\\d{2}', placeholder: t('console.office.stats.monthFormat'), autocomplete: 'off', 'aria-describedby': 'stats-period-hint' });
  const toInput = h('input', { id: 'stats-to', name: 'to', type: 'month', value: to, required: true,
    pattern: '\\d{4}-\\d{2}', placeholder: t('console.office.stats.monthFormat'), autocomplete: 'off', 'aria-describedby': 'stats-period-hint' });
  const officeInput = h('select', { id: 'stats-office', name: 'office', autocomplete: 'off' },
    h('option', { value: '' }, t('console.office.stats.allOffices')),
    cat.offices.map((o) => h('option', { value: o.id, selected: o.id === office }, o.name)));
  const status = h('p', { class: 'muted', role: 'status' });
  const results = h('div', {});

  const serviceName = (id) => localized(cat.services.find((s) => s.id === id)?.name) || id;
  const officeName = (id) => cat.offices.find((o) => o.id === id)?.name || id;

  async function load() {
    history.replaceState(null, '', tabHref('statistik', { von: from, bis: to, ...(office ? { buero: office } : {}) }));
    const months = monthsBetween(from, to);
    results.setAttribute('aria-busy', 'true');
    try {
      const answers = await Promise.all(months.map((month) => api.get(
        `/api/office/stats?month=${month}${office ? `&office=${encodeURIComponent(office)}` : ''}`)));
      const rows = answers.flatMap((a) => a.rows);
      const byService = new Map();
      const byOffice = new Map();
      const byDay = new Map();
      const total = new Map();
      for (const row of rows) {
        sumInto(byService, row.service, row);
        sumInto(byOffice, row.office, row);
        sumInto(byDay, row.date, row);
        sumInto(total, 'all', row);
      }
      const period = months.length > 1
        ? t('console.office.stats.range', { from: formatMonth(months[0]), to: formatMonth(months[months.length - 1]) })
        : formatMonth(months[0]);
      status.textContent = t('console.office.stats.loaded', { period });
      if (!rows.length) {
        results.replaceChildren(h('p', { class: 'notice' }, t('console.office.stats.empty')));
        return;
      }
      const sum = total.get('all');
      const byName = (label) => (a, b) => label(a[0]).localeCompare(label(b[0]));
      results.replaceChildren(
        h('section', { 'aria-labelledby': 'stats-totals' },
          h('h2', { id: 'stats-totals' }, t('console.office.stats.totals', { period })),
          h('dl', { class: 'stat-tiles' }, TOTALS.map((event) => h('div', { class: 'stat-tile' },
            h('dt', {}, t(`console.office.stats.${event}`)), h('dd', {}, String(sum[event])))))),
        h('section', { 'aria-labelledby': 'stats-by-service' },
          h('h2', { id: 'stats-by-service' }, t('console.office.stats.byService')),
          table({ id: 'stats-service-caption', caption: t('console.office.stats.byServiceCaption', { period }),
            firstColumn: t('console.office.stats.service'), entries: [...byService].sort(byName(serviceName)), label: serviceName })),
        h('section', { 'aria-labelledby': 'stats-by-office' },
          h('h2', { id: 'stats-by-office' }, t('console.office.stats.byOffice')),
          table({ id: 'stats-office-caption', caption: t('console.office.stats.byOfficeCaption', { period }),
            firstColumn: t('console.office.office'), entries: [...byOffice].sort(byName(officeName)), label: officeName })),
        h('section', { 'aria-labelledby': 'stats-by-day' },
          h('h2', { id: 'stats-by-day' }, t('console.office.stats.byDay')),
          table({ id: 'stats-day-caption', caption: t('console.office.stats.byDayCaption', { period }),
            firstColumn: t('console.office.stats.day'), entries: [...byDay].sort((a, b) => a[0].localeCompare(b[0])),
            label: (day) => h('time', { datetime: day }, formatDay(day, 'short')) })),
      );
    } catch (err) {
      status.textContent = '';
      results.replaceChildren(errorNotice(err));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  const form = h('form', { class: 'filter stats-filter', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'stats-from' }, t('console.office.stats.from')), fromInput),
    h('div', { class: 'field' }, h('label', { for: 'stats-to' }, t('console.office.stats.to')), toInput),
    h('div', { class: 'field' }, h('label', { for: 'stats-office' }, t('console.office.office')), officeInput),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('console.office.stats.show'))),
  );
  const hint = h('p', { class: 'hint', id: 'stats-period-hint' }, t('console.office.stats.periodHint', { count: MAX_MONTHS }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const valid = MONTH.test(fromInput.value) && MONTH.test(toInput.value) && toInput.value >= fromInput.value;
    if (!valid || monthsBetween(fromInput.value, toInput.value).at(-1) !== toInput.value) {
      status.textContent = '';
      results.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, t('console.office.stats.periodInvalid')));
      return;
    }
    from = fromInput.value;
    to = toInput.value;
    office = officeInput.value;
    load();
  });

  await load();
  return page('statistik', t('console.office.stats.title'), t('console.office.stats.lead'), hint, form, status, results);
}
