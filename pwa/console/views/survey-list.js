// All surveys and waves: status, period, responses; new survey, open, next wave, publish.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import {
  BASE, alertBox, apiPath, cloneForm, fmtNumber, period, stateBadge, surveyPath, tx,
} from './survey-common.js';

export default async function surveyList() {
  const tableArea = h('div', {});
  const panel = h('div', { class: 'sv-panel' });
  const status = h('div', { class: 'sv-status' });

  function row(item) {
    const name = `${tx(item.title)} (${t('console.survey.waveN', { wave: item.wave })})`;
    const columns = ['title', 'state', 'wave', 'period', 'responses', 'actions'].map((c) => t(`console.survey.col.${c}`));
    const cell = (i, ...content) => h('td', { 'data-label': columns[i] }, content);
    const actions = [
      h('a', { class: 'button button-small', href: surveyPath(item.id), 'aria-label': `${t('console.survey.open')}: ${name}` },
        t('console.survey.open')),
      h('a', { class: 'button button-small button-secondary', href: surveyPath(item.id, 'results'),
        'aria-label': `${t('console.survey.section.results')}: ${name}` }, t('console.survey.section.results')),
      h('button', { type: 'button', class: 'button button-small button-secondary', 'aria-label': `${t('console.survey.cloneShort')}: ${name}`,
        onclick: (event) => openClone(item, event.currentTarget) }, t('console.survey.cloneShort')),
      item.status === 'draft' && h('button', { type: 'button', class: 'button button-small button-secondary',
        'aria-label': `${t('console.survey.publish')}: ${name}`, onclick: (event) => publish(item, event.currentTarget) },
      t('console.survey.publish')),
    ];
    return h('tr', {},
      cell(0, h('a', { href: surveyPath(item.id) }, tx(item.title)), h('br'), h('code', { class: 'sv-id-text' }, item.id)),
      cell(1, stateBadge(item.status, item.availability), item.drawn && [' ', h('span', { class: 'muted' }, t('console.survey.drawn'))]),
      cell(2, String(item.wave)),
      cell(3, period(item)),
      cell(4, fmtNumber(item.responses)),
      cell(5, h('div', { class: 'sv-row-actions' }, actions)),
    );
  }

  async function reload() {
    const { surveys } = await api.get('/api/surveys');
    if (!surveys.length) {
      tableArea.replaceChildren(h('p', { class: 'notice' }, t('console.survey.empty')));
      return;
    }
    const columns = ['title', 'state', 'wave', 'period', 'responses', 'actions'];
    tableArea.replaceChildren(h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': 'sv-list-caption', tabindex: '0' },
      h('table', { class: 'table table-stack sv-table' },
        h('caption', { id: 'sv-list-caption', class: 'sr-only' }, t('console.survey.listCaption')),
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(`console.survey.col.${c}`))))),
        h('tbody', {}, surveys.map(row)))));
  }

  async function openClone(item, button) {
    try {
      const view = await api.get(apiPath(item.id));
      const form = cloneForm(view, { onCancel: () => { panel.replaceChildren(); button.focus(); } });
      panel.replaceChildren(form);
      form.focusHeading();
    } catch (err) {
      const box = alertBox(err);
      status.replaceChildren(box);
      box.focus();
    }
  }

  async function publish(item) {
    try {
      await api.post(apiPath(item.id, '/publish'));
      await reload();
      const done = h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' },
        t('console.survey.published', { title: tx(item.title) }), ' ',
        h('a', { href: surveyPath(item.id, 'publish') }, t('console.survey.toLinkAndQr')));
      status.replaceChildren(done);
      done.focus();
    } catch (err) {
      const box = alertBox(err);
      status.replaceChildren(box);
      box.focus();
    }
  }

  await reload();
  return h('div', { class: 'view' },
    h('h1', {}, t('console.nav.surveys')),
    h('p', { class: 'lead' }, t('console.nav.surveys.text')),
    h('p', {}, h('a', { class: 'button', href: `${BASE}/neu` }, t('console.survey.new'))),
    status,
    tableArea,
    panel,
  );
}
