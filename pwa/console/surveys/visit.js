// "Diesen Besuch bewerten": a one-time QR code for the visitor at the counter,
// per office and service category. Stores nothing about who the visitor was.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { formatDateTime, t } from '../../js/i18n.js';
import {
  alertBox, apiPath, clearErrors, control, copyButton, fmtDay, loadOrigins, loadSurvey, nextId, select,
  showFieldErrors, shortUrl, surveyHeader, svgNode, tx,
} from './common.js';

const remembered = { office: '', category: '', days: 7 };

export default async function surveyVisit({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const { offices, categories } = await loadOrigins();
  const result = h('div', { class: 'sv-visit-result' });
  const status = h('div', { class: 'sv-status' });
  const blocked = survey.status !== 'published' ? 'survey_not_published'
    : view.availability === 'closed' ? 'survey_closed'
      : view.availability !== 'open' ? 'survey_not_open' : null;
  const vars = { opens: fmtDay(survey.opens), closes: fmtDay(survey.closes) };

  const office = select([['', t('console.survey.visit.choose')], ...offices.map((o) => [o.id, o.name])],
    remembered.office || (offices.length === 1 ? offices[0].id : ''), { required: true });
  const category = select([['', t('console.survey.visit.choose')], ...categories.map((c) => [c.id, tx(c.name) || c.id])],
    remembered.category, { required: true });
  const days = h('input', { type: 'number', min: 1, max: 30, step: 1, value: remembered.days, inputmode: 'numeric',
    autocomplete: 'off', class: 'sv-num', required: true });
  const submit = h('button', { type: 'submit', class: 'button', disabled: Boolean(blocked) }, t('console.survey.visit.create'));
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'sv-pair' },
      control({ name: 'office', label: t('console.survey.visit.office'), el: office }),
      control({ name: 'category', label: t('console.survey.visit.category'),
        hint: categories.some((c) => c.inferred) ? t('console.survey.visit.categoryHint') : null, el: category })),
    control({ name: 'valid_days', label: t('console.survey.visit.days'), hint: t('console.survey.visit.daysHint'), el: days }),
    h('div', { class: 'actions' }, submit));

  let bigDialog = null;
  function showCode(link) {
    const headingId = nextId('visit');
    const officeName = offices.find((o) => o.id === link.office)?.name || link.office;
    const categoryName = tx(categories.find((c) => c.id === link.category)?.name) || link.category;
    const qr = () => svgNode(link.qr_svg, { label: t('console.survey.visit.qrAlt'), cls: 'sv-visit-qr' });
    // The request once more in the other language, for visitors who read that one better.
    const second = () => h('p', { class: 'sv-visit-scan-en', lang: t('console.survey.visit.scanSecondLang') },
      t('console.survey.visit.scanSecond'));
    const again = h('button', { type: 'button', class: 'button', onclick: () => form.requestSubmit() }, t('console.survey.visit.next'));
    const big = h('button', { type: 'button', class: 'button button-secondary', onclick: () => openBig() }, t('console.survey.visit.big'));
    const hide = h('button', { type: 'button', class: 'button button-secondary', onclick: () => {
      result.replaceChildren();
      submit.focus();
    } }, t('console.survey.visit.hide'));
    function openBig() {
      const close = h('button', { type: 'button', class: 'button', onclick: () => bigDialog.close() }, t('console.survey.visit.close'));
      const bigHeading = nextId('visit-big');
      bigDialog?.remove();
      bigDialog = h('dialog', { class: 'sv-visit-dialog', 'aria-labelledby': bigHeading },
        h('h2', { id: bigHeading }, t('console.survey.visit.scanTitle')),
        second(),
        h('div', { class: 'sv-visit-qr-frame sv-visit-qr-big' }, qr()),
        h('div', { class: 'actions' }, close));
      bigDialog.addEventListener('close', () => { bigDialog.remove(); bigDialog = null; big.focus(); });
      document.body.append(bigDialog);
      bigDialog.showModal();
      close.focus();
    }
    const panel = h('section', { class: 'sv-visit-panel', 'aria-labelledby': headingId },
      h('h2', { id: headingId, tabindex: '-1' }, t('console.survey.visit.scanTitle')),
      second(),
      h('div', { class: 'sv-visit-qr-frame' }, qr()),
      h('dl', { class: 'facts' },
        h('dt', {}, t('console.survey.visit.office')), h('dd', {}, officeName),
        h('dt', {}, t('console.survey.visit.category')), h('dd', {}, categoryName),
        h('dt', {}, t('console.survey.visit.expires')),
        h('dd', {}, formatDateTime(link.expires_at, { dateStyle: 'medium', timeStyle: 'short' })),
        h('dt', {}, t('console.survey.visit.link')),
        h('dd', {}, h('code', { class: 'sv-visit-link' }, shortUrl(link.url)), ' ', copyButton(link.url))),
      h('p', { class: 'hint' }, t('console.survey.visit.once')),
      h('div', { class: 'actions' }, again, big, hide));
    result.replaceChildren(panel);
    panel.querySelector('h2').focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy || blocked) return;
    clearErrors(form);
    const missing = {};
    if (!office.value) missing.office = 'is required';
    if (!category.value) missing.category = 'is required';
    const n = Number.parseInt(days.value, 10);
    if (!(n >= 1 && n <= 30)) missing.valid_days = 'must be a whole number from 1 to 30';
    if (Object.keys(missing).length) {
      showFieldErrors(form, { code: 'validation_failed', fields: missing });
      return;
    }
    Object.assign(remembered, { office: office.value, category: category.value, days: n });
    form.dataset.busy = '1';
    form.setAttribute('aria-busy', 'true');
    try {
      const link = await api.post(apiPath(survey.id, '/visit-links'), { office: office.value, category: category.value, valid_days: n });
      status.replaceChildren();
      showCode(link);
    } catch (err) {
      if (Object.keys(err.fields || {}).length) showFieldErrors(form, err);
      else {
        const box = alertBox(err, vars);
        status.replaceChildren(box);
        box.focus();
      }
    } finally {
      delete form.dataset.busy;
      form.removeAttribute('aria-busy');
    }
  });

  return h('div', { class: 'view' },
    surveyHeader(view, 'visit'),
    h('p', { class: 'lead' }, t('console.survey.visit.intro')),
    h('p', {}, t('console.survey.visit.anonymous')),
    blocked && h('p', { class: 'notice' }, t(`console.survey.error.${blocked}`, vars)),
    status,
    form,
    result,
  );
}
