// Walk-in configuration of one office (role "admin"): days and hours, when tickets start, the daily
// limit and the kiosk's share, counters, categories, re-call limit, pause message, one-off mornings
// and cancelled ones. The API checks everything and names each field at fault.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { field, showErrors, submitButton, submitting, values } from '../../js/forms.js';
import { t } from '../../js/i18n.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const NUMBERS = ['daily_limit', 'kiosk_share', 'counters', 'recall_limit', 'handling_minutes', 'device_minutes'];

const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function categoriesText(categories = []) {
  return categories.map((c) => [c.id, c.name?.de ?? c.name, c.name?.en ?? c.name, c.limit ?? ''].join(' | ')).join('\n');
}

function parseCategories(text) {
  return lines(text).map((line) => {
    const [id, de, en, limit] = line.split('|').map((part) => part.trim());
    return { id, name: { de: de || id, en: en || de || id }, ...(limit ? { limit: Number(limit) } : {}) };
  });
}

function extraText(days = []) {
  return days.map((d) => `${d.date} ${d.from}-${d.to}${d.tickets_from ? ` ${d.tickets_from}` : ''}`).join('\n');
}

function parseExtra(text) {
  return lines(text).map((line) => {
    const [date, hours = '', ticketsFrom] = line.split(/\s+/);
    const [from, to] = hours.split('-');
    return { date, from, to, ...(ticketsFrom ? { tickets_from: ticketsFrom } : {}) };
  });
}

function toConfig(form, current) {
  const v = values(form);
  const days = Object.fromEntries(WEEKDAYS.filter((d) => v[`config.days.${d}`].trim()).map((d) => [d, v[`config.days.${d}`].trim()]));
  return {
    ...current,
    days,
    tickets_from: v['config.tickets_from'] || undefined,
    ...Object.fromEntries(NUMBERS.map((name) => [name, Number(v[`config.${name}`])])),
    categories: parseCategories(v['config.categories']),
    pause_message: { de: v['config.pause_message.de'], en: v['config.pause_message.en'] },
    extra_days: parseExtra(v['config.extra_days']),
    cancelled: lines(v['config.cancelled']),
    staff: v['config.staff'].split(',').map((s) => s.trim()).filter(Boolean),
  };
}

export default async function queueSettings() {
  const { offices } = await api.get('/api/queue');
  const office = new URLSearchParams(location.search).get('office') || offices[0]?.office.id;
  const { config } = await api.get(`/api/admin/queue/${office}`);
  const status = h('div', { role: 'status' });
  const number = (name) => field({ name: `config.${name}`, label: t(`queueDesk.config.${name}`), type: 'number', value: config[name] ?? '', attrs: { min: 0, max: 999 } });
  const form = h('form', { class: 'form-wide', novalidate: true },
    h('fieldset', { class: 'field' }, h('legend', {}, t('queueDesk.config.days')),
      h('p', { class: 'hint' }, t('queueDesk.config.daysHint')),
      WEEKDAYS.map((d) => field({ name: `config.days.${d}`, label: t(`queueDesk.config.day.${d}`), required: false, value: config.days?.[d] ?? '' }))),
    field({ name: 'config.tickets_from', label: t('queueDesk.config.tickets_from'), required: false, value: config.tickets_from ?? '' }),
    NUMBERS.map(number),
    field({ name: 'config.categories', label: t('queueDesk.config.categories'), hint: t('queueDesk.config.categoriesHint'), rows: 3, required: false, value: categoriesText(config.categories) }),
    field({ name: 'config.pause_message.de', label: t('queueDesk.config.pauseDe'), required: false, value: config.pause_message?.de ?? '', attrs: { lang: 'de' } }),
    field({ name: 'config.pause_message.en', label: t('queueDesk.config.pauseEn'), required: false, value: config.pause_message?.en ?? '', attrs: { lang: 'en' } }),
    field({ name: 'config.extra_days', label: t('queueDesk.config.extra_days'), hint: t('queueDesk.config.extraHint'), rows: 3, required: false, value: extraText(config.extra_days) }),
    field({ name: 'config.cancelled', label: t('queueDesk.config.cancelled'), hint: t('queueDesk.config.cancelledHint'), rows: 2, required: false, value: (config.cancelled ?? []).join('\n') }),
    field({ name: 'config.staff', label: t('queueDesk.config.staff'), hint: t('queueDesk.config.staffHint'), required: false, value: (config.staff ?? []).join(', ') }),
    h('div', { class: 'actions' }, submitButton(t('queueDesk.config.save'))),
    status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      try {
        await api.put(`/api/admin/queue/${office}`, { config: toConfig(form, config) });
        status.replaceChildren(h('p', { class: 'notice notice-ok' }, t('queueDesk.config.saved')));
      } catch (err) {
        const fields = Object.fromEntries(Object.entries(err.fields || {}).map(([k, m]) => [k.replace(/\[\d+\].*$/, ''), m]));
        showErrors(form, { ...err, message: err.message, fields });
      }
    });
  });
  return h('div', { class: 'view' },
    h('h1', {}, t('queueDesk.config.title', { office: offices.find((o) => o.office.id === office)?.office.name ?? office })),
    h('p', { class: 'lead' }, t('queueDesk.config.lead')),
    offices.length > 1 ? h('p', {}, offices.filter((o) => o.office.id !== office).map((o) =>
      h('a', { href: `/console/warteschlange/einstellungen?office=${o.office.id}` }, t('queueDesk.config.other', { office: o.office.name })))) : null,
    form);
}
