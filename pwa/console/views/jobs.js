// Scheduled background jobs, each can be started by hand.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { errorText } from '../../js/shell.js';
import { has, t } from '../../js/i18n.js';

// The number each job's result sentence is about.
const COUNTED = {
  'purge-expired': 'total',
  'booking-reminders': 'reminded',
  'booking-release-unconfirmed': 'released',
  'booking-waitlist': 'offers',
  'raffle-cleanup': 'total',
};

// What a run did, in a sentence; a job without one lists its figures by name.
function resultText(name, result = {}) {
  const key = `jobs.result.${name}`;
  if (has(`${key}.other`)) {
    const figures = Object.fromEntries(Object.entries(result).filter(([, v]) => typeof v === 'number'));
    return h('p', {}, t(key, { ...figures, count: Number(result[COUNTED[name]] ?? 0) }));
  }
  const rows = Object.entries(result);
  if (!rows.length) return null;
  return h('ul', { class: 'plain' }, rows.map(([k, v]) => h('li', {}, `${k}: ${typeof v === 'object' ? Object.values(v).reduce((a, b) => a + Number(b), 0) : v}`)));
}

function jobCard(job) {
  const output = h('div', { role: 'status' });
  const button = h('button', { type: 'button', class: 'button button-small', 'aria-label': `${t('jobs.run')}: ${job.name}` },
    t('jobs.run'));
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled')) return;
    button.setAttribute('aria-disabled', 'true');
    output.replaceChildren(h('p', { class: 'muted' }, t('jobs.running')));
    try {
      const { result } = await api.post(`/api/admin/jobs/${encodeURIComponent(job.name)}/run`);
      output.replaceChildren(h('div', { class: 'notice notice-ok' }, h('p', {}, t('jobs.done')), resultText(job.name, result ?? {})));
    } catch (err) {
      output.replaceChildren(h('p', { class: 'notice notice-error' }, errorText(err)));
    } finally {
      button.removeAttribute('aria-disabled');
    }
  });
  return h('li', { class: 'card' },
    h('h2', { class: 'card-title' }, h('code', {}, job.name)),
    h('p', {}, job.description),
    h('p', { class: 'muted' }, h('span', { class: 'label' }, `${t('jobs.schedule')}: `), job.schedule || '–'),
    h('div', { class: 'actions' }, button),
    output,
  );
}

export default async function jobs() {
  const { jobs: all } = await api.get('/api/admin/jobs');
  return h('div', { class: 'view' },
    h('h1', {}, t('console.nav.jobs')),
    h('p', { class: 'lead' }, t('console.nav.jobs.text')),
    all.length ? h('ul', { class: 'cards cards-wide' }, all.map(jobCard)) : h('p', {}, t('jobs.empty')),
  );
}
