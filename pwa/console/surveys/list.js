// All surveys and waves: status, period, responses; new survey, open, next wave, publish.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import {
  BASE, alertBox, apiPath, cloneForm, fmtDay, fmtNumber, period, stateBadge, surveyPath, tx,
} from './common.js';
import { confirmEnd } from './end.js';

export default async function surveyList() {
  const tableArea = h('div', {});
  const panel = h('div', { class: 'sv-panel' });
  const status = h('div', { class: 'sv-status' });

  function card(item) {
    const name = `${tx(item.title)} (${t('console.survey.waveN', { wave: item.wave })})`;
    const actions = [
      h('a', { class: 'button button-small', href: surveyPath(item.id), 'aria-label': `${t('console.survey.open')}: ${name}` },
        t('console.survey.open')),
      h('a', { class: 'button button-small button-secondary', href: surveyPath(item.id, 'results'),
        'aria-label': `${t('console.survey.section.results')}: ${name}` }, t('console.survey.section.results')),
      h('button', { type: 'button', class: 'button button-small button-secondary', 'aria-label': `${t('console.survey.cloneShort')}: ${name}`,
        onclick: (event) => openClone(item, event.currentTarget) }, t('console.survey.cloneShort')),
      item.status === 'draft' && h('button', { type: 'button', class: 'button button-small button-secondary',
        'aria-label': `${t('console.survey.publish')}: ${name}`, onclick: (event) => confirmPublish(item, event.currentTarget) },
      t('console.survey.publish')),
      item.status === 'published' && item.availability === 'open' && h('button', { type: 'button',
        class: 'button button-small button-danger', 'aria-label': `${t('console.survey.end')}: ${name}`,
        onclick: (event) => confirmEnd(item, { status, button: event.currentTarget, onEnded: reload }) },
      t('console.survey.end')),
    ];
    return h('li', { class: 'sv-survey-card' },
      h('div', { class: 'sv-survey-head' },
        h('h2', { class: 'sv-survey-title' }, h('a', { href: surveyPath(item.id) }, tx(item.title))),
        h('p', { class: 'sv-survey-state' }, stateBadge(item.status, item.availability),
          item.drawn && [' ', h('span', { class: 'muted' }, t('console.survey.drawn'))])),
      h('dl', { class: 'sv-survey-facts' },
        h('div', {}, h('dt', {}, t('console.survey.col.wave')), h('dd', {}, String(item.wave))),
        h('div', {}, h('dt', {}, t('console.survey.col.period')), h('dd', {}, period(item))),
        h('div', {}, h('dt', {}, t('console.survey.col.responses')), h('dd', {}, fmtNumber(item.responses))),
        h('div', {}, h('dt', {}, t('console.survey.id')), h('dd', {}, h('code', {}, item.id)))),
      h('div', { class: 'sv-row-actions' }, actions),
    );
  }

  async function reload() {
    const { surveys } = await api.get('/api/surveys');
    if (!surveys.length) {
      tableArea.replaceChildren(h('p', { class: 'notice' }, t('console.survey.empty')));
      return;
    }
    tableArea.replaceChildren(h('ul', { class: 'sv-survey-list', 'aria-label': t('console.survey.listCaption') }, surveys.map(card)));
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

  function confirmPublish(item, button) {
    const textId = `sv-publish-${item.id}`;
    const yes = h('button', { type: 'button', class: 'button', onclick: () => publish(item) }, t('console.survey.publishNow'));
    const box = h('div', { class: 'notice', role: 'alertdialog', 'aria-labelledby': textId },
      h('p', { id: textId }, h('strong', {}, tx(item.title)), ': ', t('console.survey.publishConfirm', { opens: fmtDay(item.opens) })),
      h('div', { class: 'actions' }, yes,
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => { status.replaceChildren(); button.focus(); } },
          t('action.cancel'))));
    status.replaceChildren(box);
    yes.focus();
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
