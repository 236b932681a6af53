// The office's lists, each order with the action it needs.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { lang, localized, t } from '../../js/i18n.js';
import { alertBox, catalogue, page, post, select, stateLabel, when } from './common.js';

const GROUPS = [
  ['waiting_too_long', [], 'waiting'],
  ['uncollected', ['remind', 'return'], 'uncollected'],
  ['to_load', [], null],
  ['to_confirm', ['confirm'], null],
  ['waiting_for_door', [], null],
  ['locker_overdue', ['take-back'], null],
  ['failed_notices', ['remind'], null],
];

async function run(action, order, refresh, out) {
  try {
    if (action === 'confirm') await post('/api/office/documents/locker/confirm', { reference: order.reference });
    else await post(`/api/office/documents/orders/${encodeURIComponent(order.reference)}/${action}`);
    await refresh();
  } catch (err) {
    out.replaceChildren(alertBox(err));
  }
}

export default async function lists() {
  const cat = await catalogue();
  const office = select('lists-office', t('console.documents.office'), cat.offices.map((o) => ({ value: o.id, label: o.name })), cat.offices[0]?.id);
  const out = h('div', { 'aria-live': 'polite' });
  const body = h('div', {});
  async function refresh() {
    const data = await api.get(`/api/office/documents/lists?office=${encodeURIComponent(office.control.value)}`);
    body.replaceChildren(...GROUPS.map(([key, actions, days]) => {
      const items = data[key];
      return h('section', { 'aria-labelledby': `list-${key}` },
        h('h2', { id: `list-${key}` }, t(`console.documents.lists.${key}`, days ? { days: data.days[days] } : undefined), ` (${items.length})`),
        items.length === 0 ? h('p', { class: 'muted' }, t('console.documents.lists.empty')) : h('ul', { class: 'doc-list' }, items.map((o) => h('li', {},
          h('span', { class: 'code' }, o.reference), ' · ', localized(o.type_name), ' · ', stateLabel(o.state), ' · ', when(o.since),
          o.locker?.compartment ? ` · ${o.locker.compartment}` : '',
          ...actions.map((action) => h('button', { type: 'button', class: 'button button-small button-secondary', onclick: () => run(action, o, refresh, out) },
            t(`console.documents.action.${action}`)))))));
    }));
  }
  office.control.addEventListener('change', refresh);
  await refresh();
  return page('listen', t('console.documents.lists.title'), t('console.documents.lists.lead'), office.wrap, out, body,
    await statistics(cat));
}

// A month's anonymous counters (no reference, no person): this month first; staff may choose
// any month that has statistics, listed with its totals.
async function statistics(cat) {
  const current = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(new Date());
  const section = h('section', { 'aria-labelledby': 'doc-stats' });
  const typeName = (id) => localized(cat.types.find((x) => x.id === id)?.name) || id;
  const officeName = (id) => cat.offices.find((o) => o.id === id)?.name || id;
  const monthName = (month) => new Intl.DateTimeFormat(lang(), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${month}-01T12:00:00Z`));
  const cols = ['office', 'type', 'pickup', 'registered', 'ready', 'collected', 'returned', 'hours'];
  const totals = ['registered', 'ready', 'collected', 'returned'];
  const table = (label, head, rows) => h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' },
    h('table', {}, h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)));

  async function show(month, focus = false) {
    const { rows, months } = await api.get(`/api/office/documents/stats?month=${month}`);
    const choices = [...new Set([current, month, ...months.map((m) => m.month)])].sort().reverse();
    const chooser = select('stats-month', t('console.documents.stats.month'), choices.map((m) => ({ value: m, label: monthName(m) })), month);
    chooser.control.addEventListener('change', () => show(chooser.control.value, true));
    const title = t('console.documents.stats.title', { month: monthName(month) });
    section.replaceChildren(
      h('h2', { id: 'doc-stats' }, title),
      chooser.wrap,
      rows.length === 0 ? h('p', { class: 'muted' }, t('console.documents.lists.empty')) : table(title, cols.map((c) => t(`console.documents.stats.${c}`)),
        rows.map((r) => h('tr', {},
          h('td', {}, officeName(r.office)), h('td', {}, typeName(r.type)), h('td', {}, t(`console.documents.pickup.${r.pickup}`)),
          h('td', {}, String(r.registered)), h('td', {}, String(r.ready)), h('td', {}, String(r.collected)),
          h('td', {}, String(r.returned)), h('td', {}, r.avg_hours_ready_to_collected ?? '–')))),
      months.length > 0 && h('h3', { id: 'doc-months' }, t('console.documents.stats.months')),
      months.length > 0 && table(t('console.documents.stats.months'), [t('console.documents.stats.month'), ...totals.map((c) => t(`console.documents.stats.${c}`))],
        months.map((m) => h('tr', { class: m.month === month ? 'current' : null },
          h('td', {}, h('button', { type: 'button', class: 'button button-small button-secondary', 'aria-pressed': String(m.month === month), onclick: () => show(m.month, true) }, monthName(m.month))),
          ...totals.map((c) => h('td', {}, String(m[c])))))));
    if (focus) chooser.control.focus();
  }
  await show(current);
  return section;
}
