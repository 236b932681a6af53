// Audit log: one month at a time, newest first.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { errorText } from '../../js/shell.js';
import { formatDateTime, has, locale, t } from '../../js/i18n.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function thisMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

function shift(month, delta) {
  const [year, mon] = month.split('-').map(Number);
  const date = new Date(year, mon - 1 + delta, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

function monthName(month) {
  const [year, mon] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' }).format(new Date(year, mon - 1, 1));
}

// A stored detail value in words: roles and states by name, days as dates, lists joined.
function word(key, value) {
  if (Array.isArray(value)) return value.map((v) => word(key, v)).join(', ');
  if (key === 'roles' && has(`role.${value}`)) return t(`role.${value}`);
  if (has(`audit.value.${key}.${value}`)) return t(`audit.value.${key}.${value}`);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDateTime(`${value}T12:00:00`, { dateStyle: 'medium' });
  if (typeof value === 'number') return new Intl.NumberFormat(locale()).format(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// What changed, one line per stored detail ("Fragen geändert", "Teilnahmen: 12").
function details(value) {
  const entries = Object.entries(value || {});
  if (!entries.length) return '–';
  return h('ul', { class: 'plain' }, entries.map(([key, v]) => {
    if (typeof v === 'boolean' && has(`audit.detail.${key}.${v}`)) return h('li', {}, t(`audit.detail.${key}.${v}`));
    if (has(`audit.detail.${key}`)) return h('li', {}, t(`audit.detail.${key}`, { value: word(key, v) }));
    return h('li', {}, h('span', { class: 'label' }, `${key}: `), word(key, v));
  }));
}

function table(entries, month) {
  const columns = ['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.details'].map((key) => t(key));
  const cell = (i, content) => h('td', { 'data-label': columns[i] }, content);
  return h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': 'audit-caption', tabindex: '0' },
    h('table', { class: 'table table-stack' },
      h('caption', { id: 'audit-caption', class: 'sr-only' }, t('audit.caption', { month: monthName(month) })),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, entries.map((e) => h('tr', {},
        cell(0, h('time', { datetime: e.at }, formatDateTime(e.at, { dateStyle: 'short', timeStyle: 'medium' }))),
        cell(1, e.actor),
        cell(2, has(`audit.action.${e.action}`) ? t(`audit.action.${e.action}`) : h('code', {}, e.action)),
        cell(3, e.target || '–'),
        cell(4, details(e.details)),
      ))),
    ),
  );
}

export default async function audit({ query }) {
  let month = MONTH.test(query.get('month') || '') ? query.get('month') : thisMonth();
  const results = h('div', {});
  const status = h('p', { class: 'muted', role: 'status' });
  const input = h('input', { id: 'audit-month', name: 'month', type: 'month', value: month, required: true,
    pattern: '\\d{4}-\\d{2}', placeholder: t('audit.monthFormat'), max: thisMonth() });

  async function load(next) {
    month = next;
    input.value = month;
    history.replaceState(null, '', `/console/protokoll?month=${month}`);
    const { entries } = await api.get(`/api/admin/audit?month=${encodeURIComponent(month)}`);
    entries.sort((a, b) => String(b.at).localeCompare(String(a.at)));
    status.textContent = t('audit.count', { count: entries.length, month: monthName(month) });
    results.replaceChildren(entries.length ? table(entries, month) : h('p', {}, t('audit.empty')));
  }

  const show = async (next) => {
    try {
      await load(next);
    } catch (err) {
      status.textContent = '';
      results.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err)));
    }
  };

  const form = h('form', { class: 'filter', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'audit-month' }, t('audit.month')), input),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button' }, t('audit.show')),
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => show(shift(month, -1)) }, t('audit.previous')),
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => show(shift(month, 1)) }, t('audit.next'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (MONTH.test(input.value)) show(input.value);
    else status.textContent = t('audit.monthInvalid');
  });

  await load(month);
  return h('div', { class: 'view' },
    h('h1', {}, t('console.nav.audit')),
    h('p', { class: 'lead' }, t('console.nav.audit.text')),
    form, status, results,
  );
}
