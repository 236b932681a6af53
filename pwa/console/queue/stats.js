// Walk-in statistics of one office and month (role "office"): served, missed, average wait and
// handling time per day and hour. Anonymous counts; they outlive the day's tickets.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';

const minutes = (value) => (value == null ? '–' : t('queueDesk.stats.minutes', { value: value.toLocaleString() }));

function row(label, figures) {
  return h('tr', {},
    h('th', { scope: 'row' }, label),
    [figures.issued, figures.served, figures.missed, figures.cancelled].map((n) => h('td', {}, String(n))),
    h('td', {}, minutes(figures.average_wait_minutes)),
    h('td', {}, minutes(figures.average_handling_minutes)));
}

export default async function queueStats() {
  const query = new URLSearchParams(location.search);
  const { offices } = await api.get('/api/queue');
  const office = query.get('office') || offices[0]?.office.id;
  const month = query.get('month') || new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(new Date());
  const data = await api.get(`/api/office/queue/${office}/stats?month=${month}`);
  const name = offices.find((o) => o.office.id === office)?.office.name ?? office;
  const head = h('tr', {}, ['day', 'issued', 'served', 'missed', 'cancelled', 'wait', 'handling'].map((k) => h('th', { scope: 'col' }, t(`queueDesk.stats.${k}`))));
  const body = data.days.flatMap((day) => [
    row(day.date, day),
    ...Object.entries(day.hours).map(([hour, figures]) => row(t('queueDesk.stats.hour', { hour }), figures)),
  ]);
  return h('div', { class: 'view' },
    h('h1', { id: 'queue-stats-title' }, t('queueDesk.stats.title', { office: name, month })),
    h('p', { class: 'lead' }, t('queueDesk.stats.lead')),
    data.days.length
      ? h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': 'queue-stats-title', tabindex: '0' },
        h('table', {}, h('thead', {}, head), h('tbody', {}, body)))
      : h('p', { class: 'muted' }, t('queueDesk.stats.none')));
}
