// Paper questionnaires: typed in one after another, sent as a batch (channel
// "paper"). Number keys choose answers, Tab goes on, Enter starts the next form.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import {
  alertBox, apiPath, clearErrors, control, fieldMessage, fmtDay, liveRegion, loadOrigins, loadSurvey, nextId,
  randomId, select, showFieldErrors, surveyHeader, surveyPath, today, tx,
} from './common.js';
import { choicesOf, conditionMatches } from './preview.js';

const MAX_ITEMS = 50;
const batches = new Map();
const RADIO_TYPES = ['single', 'yesno', 'rating'];

// The form for one questionnaire: build once, then get/set/reset its answers.
function sheetForm(survey) {
  const groups = new Map();
  const wrap = h('div', { class: 'sv-sheet-questions' });
  survey.questions.forEach((q, index) => {
    const number = index + 1;
    // Plain text first: error messages quote the caption.
    const legend = [`${number}. ${tx(q.label)}`,
      q.required && h('span', { class: 'sv-pv-required' }, ` (${t('console.survey.pv.required')})`)];
    let node;
    let get;
    let set;
    if (RADIO_TYPES.includes(q.type) || q.type === 'multi') {
      const multi = q.type === 'multi';
      const name = nextId(`paper-${q.id}`);
      const choices = choicesOf(q);
      const inputs = [];
      const items = [];
      if (!multi) {
        const id = nextId('paper-none');
        const none = h('input', { id, type: 'radio', name, value: '', checked: true });
        inputs.push(none);
        items.push(h('div', { class: 'sv-key-choice' }, none, h('label', { for: id }, h('kbd', {}, '0'), ' ', t('console.survey.paper.none'))));
      }
      choices.forEach(([value, text], k) => {
        const id = nextId('paper-opt');
        const key = q.type === 'rating' ? String(value) : String(k + 1);
        const input = h('input', { id, type: multi ? 'checkbox' : 'radio', name, value: String(value), 'data-key': key });
        input.answer = value;
        inputs.push(input);
        items.push(h('div', { class: 'sv-key-choice' }, input,
          h('label', { for: id }, q.type === 'rating' ? h('kbd', {}, key) : [k < 9 && [h('kbd', {}, key), ' '], text])));
      });
      node = h('fieldset', { class: 'field sv-sheet-q', 'data-field': `answers.${q.id}`, 'data-qid': q.id },
        h('legend', {}, ...legend),
        h('div', { class: 'sv-key-choices' }, items));
      // Number keys choose (radio) or toggle (checkbox) the option with that number.
      node.addEventListener('keydown', (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey || !/^[0-9]$/.test(event.key)) return;
        const target = event.key === '0' && !multi ? inputs[0] : inputs.find((i) => i.dataset.key === event.key);
        if (!target) return;
        event.preventDefault();
        if (multi) target.checked = !target.checked;
        else target.checked = true;
        target.focus();
        target.dispatchEvent(new Event('change', { bubbles: true }));
      });
      get = () => {
        if (multi) return inputs.filter((i) => i.checked).map((i) => i.answer);
        const hit = inputs.find((i) => i.checked && i.value !== '');
        return hit ? hit.answer : undefined;
      };
      set = (value) => {
        for (const input of inputs) {
          input.checked = multi ? Array.isArray(value) && value.includes(input.answer)
            : (value === undefined ? input.value === '' : input.answer === value);
        }
      };
    } else {
      const id = nextId(`paper-${q.id}`);
      const isNps = q.type === 'nps';
      const input = isNps
        ? h('input', { id, type: 'text', inputmode: 'numeric', maxlength: 2, autocomplete: 'off', class: 'sv-num', pattern: '\\d{1,2}',
          'aria-describedby': `${id}-hint` })
        : h('input', { id, type: 'text', maxlength: q.max_length || 500, autocomplete: 'off' });
      node = h('div', { class: 'field sv-sheet-q', 'data-field': `answers.${q.id}`, 'data-qid': q.id },
        h('label', { for: id }, ...legend),
        isNps && h('p', { class: 'hint', id: `${id}-hint` }, t('console.survey.paper.npsHint')),
        input);
      get = () => {
        const raw = input.value.trim();
        if (!raw) return undefined;
        return isNps ? (/^\d{1,2}$/.test(raw) ? Number(raw) : raw) : raw;
      };
      set = (value) => { input.value = value == null ? '' : String(value); };
    }
    groups.set(q.id, { q, node, get, set });
    wrap.append(node);
  });

  function answers() {
    const out = {};
    for (const { q, get } of groups.values()) {
      if (!conditionMatches(q, out)) continue;
      const value = get();
      if (value === undefined || (Array.isArray(value) && !value.length)) continue;
      out[q.id] = value;
    }
    return out;
  }

  // Follow-ups show only when the answer they depend on is ticked.
  function refresh() {
    const current = answers();
    for (const { q, node } of groups.values()) {
      const on = conditionMatches(q, current);
      node.hidden = !on;
      for (const el of node.querySelectorAll('input')) el.disabled = !on;
    }
  }
  wrap.addEventListener('change', refresh);
  wrap.addEventListener('input', refresh);

  return {
    node: wrap,
    answers,
    set(values) {
      for (const { q, set } of groups.values()) set(values[q.id]);
      refresh();
    },
    reset() {
      for (const { set } of groups.values()) set(undefined);
      refresh();
    },
    // Problems the server would report, found before sending.
    check(values) {
      const errors = {};
      for (const { q } of groups.values()) {
        if (!conditionMatches(q, values)) continue;
        const value = values[q.id];
        if (value === undefined && q.required) errors[`answers.${q.id}`] = 'is required';
        if (q.type === 'nps' && value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 10)) {
          errors[`answers.${q.id}`] = 'must be a whole number from 0 to 10';
        }
      }
      return errors;
    },
  };
}

export default async function surveyPaper({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const { offices, categories } = await loadOrigins();
  const live = liveRegion();
  const draft = survey.status !== 'published';
  // Forms typed in but not yet saved survive a language switch or a visit elsewhere.
  const state = batches.get(survey.id) || { items: [], editing: null, errors: {}, batchId: randomId('papier') };
  state.editing = null;
  batches.set(survey.id, state);

  // --- batch settings ---------------------------------------------------------------
  const lastDay = [survey.closes, today()].sort()[0];
  const batchId = h('input', { type: 'text', value: state.batchId, required: true, autocomplete: 'off', spellcheck: 'false',
    maxlength: 64, pattern: '[A-Za-z0-9_-]{8,64}' });
  const day = h('input', { type: 'date', value: lastDay < survey.opens ? survey.opens : lastDay, min: survey.opens, max: lastDay,
    autocomplete: 'off', required: true });
  const office = select([['', t('console.survey.paper.noOrigin')], ...offices.map((o) => [o.id, o.name])], '');
  const category = select([['', t('console.survey.paper.noOrigin')], ...categories.map((c) => [c.id, tx(c.name) || c.id])], '');
  const batchForm = h('form', { class: 'form form-wide', novalidate: true },
    h('div', { class: 'sv-pair' },
      control({ name: 'batch_id', label: t('console.survey.paper.batchId'), hint: t('console.survey.paper.batchIdHint'), el: batchId }),
      control({ name: 'date', label: t('console.survey.paper.date'),
        hint: t('console.survey.paper.dateHint', { opens: fmtDay(survey.opens), last: fmtDay(lastDay) }), el: day })),
    h('div', { class: 'sv-pair' },
      control({ name: 'office', label: t('console.survey.paper.office'), el: office }),
      control({ name: 'category', label: t('console.survey.paper.category'), el: category })));
  batchForm.addEventListener('submit', (event) => event.preventDefault());
  batchId.addEventListener('input', () => { state.batchId = batchId.value; });

  // --- one questionnaire ---------------------------------------------------------------
  const sheet = sheetForm(survey);
  const sheetHeading = h('h2', { id: 'sv-sheet-heading', tabindex: '-1' });
  const nextButton = h('button', { type: 'submit', class: 'button' });
  const cancelEdit = h('button', { type: 'button', class: 'button button-secondary', onclick: () => startSheet() },
    t('console.survey.paper.cancelEdit'));
  const clearButton = h('button', { type: 'button', class: 'button button-secondary', onclick: () => {
    sheet.reset();
    clearErrors(sheetFormEl);
    sheetHeading.focus();
    live.say(t('console.survey.paper.cleared'));
  } }, t('console.survey.paper.clear'));
  const sheetFormEl = h('form', { class: 'form form-wide sv-sheet', novalidate: true, 'aria-labelledby': 'sv-sheet-heading' },
    sheet.node,
    h('div', { class: 'actions' }, nextButton, clearButton, cancelEdit));

  function startSheet(focus = true) {
    state.editing = null;
    sheet.reset();
    clearErrors(sheetFormEl);
    const full = state.items.length >= MAX_ITEMS;
    sheetHeading.textContent = full ? t('console.survey.paper.full', { max: MAX_ITEMS })
      : t('console.survey.paper.sheetN', { n: state.items.length + 1 });
    nextButton.textContent = t('console.survey.paper.next');
    nextButton.disabled = full || draft;
    cancelEdit.hidden = true;
    if (focus) sheetHeading.focus();
  }

  function editSheet(k) {
    state.editing = k;
    sheet.set(state.items[k]);
    clearErrors(sheetFormEl);
    sheetHeading.textContent = t('console.survey.paper.editN', { n: k + 1 });
    nextButton.textContent = t('console.survey.paper.apply');
    nextButton.disabled = false;
    cancelEdit.hidden = false;
    sheetHeading.focus();
    const errors = state.errors[k];
    if (errors) showFieldErrors(sheetFormEl, { code: 'validation_failed', fields: errors });
  }

  sheetFormEl.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = sheet.answers();
    const problems = sheet.check(values);
    if (Object.keys(problems).length) {
      showFieldErrors(sheetFormEl, { code: 'validation_failed', fields: problems });
      return;
    }
    if (state.editing !== null) {
      const k = state.editing;
      state.items[k] = values;
      delete state.errors[k];
      renderItems();
      live.say(t('console.survey.paper.applied', { n: k + 1 }));
      startSheet();
      return;
    }
    if (state.items.length >= MAX_ITEMS) return;
    state.items.push(values);
    renderItems();
    startSheet();
    live.say(t('console.survey.paper.added', { n: state.items.length, count: Object.keys(values).length }));
  });

  // --- the batch so far ------------------------------------------------------------------
  const itemList = h('ol', { class: 'sv-items' });
  const saveButton = h('button', { type: 'button', class: 'button', onclick: () => saveBatch() });
  const batchStatus = h('div', { class: 'sv-status' });

  function renderItems() {
    itemList.replaceChildren(...state.items.map((values, k) => {
      const errors = state.errors[k];
      const n = k + 1;
      return h('li', { class: `sv-item${errors ? ' sv-item-error' : ''}` },
        h('p', { class: 'sv-item-title' }, t('console.survey.paper.sheetN', { n }), ': ',
          t('console.survey.paper.answers', { count: Object.keys(values).length })),
        errors && h('ul', { class: 'sv-item-errors' }, Object.entries(errors).map(([path, message]) => {
          const q = survey.questions.find((x) => `answers.${x.id}` === path);
          return h('li', {}, q ? `${t('console.survey.questionN', { n: survey.questions.indexOf(q) + 1 })}: ${fieldMessage(message)}`
            : `${path}: ${fieldMessage(message)}`);
        })),
        h('div', { class: 'sv-tools' },
          h('button', { type: 'button', class: 'button button-small button-secondary', onclick: () => editSheet(k),
            'aria-label': t('console.survey.paper.editN', { n }) }, t('console.survey.paper.edit')),
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => removeItem(k),
            'aria-label': t('console.survey.paper.removeN', { n }) }, t('console.survey.remove'))));
    }));
    saveButton.textContent = t('console.survey.paper.save', { count: state.items.length });
    saveButton.disabled = state.items.length === 0 || draft;
    itemsEmpty.hidden = state.items.length > 0;
  }

  function removeItem(k) {
    state.items.splice(k, 1);
    const shifted = {};
    for (const [i, e] of Object.entries(state.errors)) {
      if (Number(i) < k) shifted[i] = e;
      else if (Number(i) > k) shifted[Number(i) - 1] = e;
    }
    state.errors = shifted;
    if (state.editing !== null) startSheet(false);
    renderItems();
    live.say(t('console.survey.paper.removed', { n: k + 1 }));
    (itemList.querySelectorAll('li.sv-item')[Math.min(k, state.items.length - 1)]?.querySelector('button') || sheetHeading).focus();
    if (state.editing === null) sheetHeading.textContent = t('console.survey.paper.sheetN', { n: state.items.length + 1 });
  }

  async function saveBatch() {
    if (saveButton.dataset.busy || !state.items.length) return;
    clearErrors(batchForm);
    batchStatus.replaceChildren();
    const body = { batch_id: batchId.value.trim(), date: day.value, items: state.items.map((answers) => ({ answers })) };
    if (office.value) body.office = office.value;
    if (category.value) body.category = category.value;
    saveButton.dataset.busy = '1';
    saveButton.setAttribute('aria-disabled', 'true');
    try {
      const answer = await api.post(apiPath(survey.id, '/paper'), body);
      state.items = [];
      state.errors = {};
      state.batchId = randomId('papier');
      batchId.value = state.batchId;
      renderItems();
      startSheet(false);
      const done = h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' },
        t('console.survey.paper.saved', { count: answer.stored, batch: answer.batch_id }), ' ',
        h('a', { href: surveyPath(survey.id, 'results') }, t('console.survey.paper.toResults')));
      batchStatus.replaceChildren(done);
      done.focus();
    } catch (err) {
      const itemErrors = {};
      const batchErrors = {};
      for (const [path, message] of Object.entries(err.fields || {})) {
        const match = /^items\[(\d+)\]\.?(.*)$/.exec(path);
        if (match) {
          (itemErrors[match[1]] ??= {})[match[2] || 'answers'] = message;
        } else {
          batchErrors[path] = message;
        }
      }
      state.errors = itemErrors;
      renderItems();
      const bad = Object.keys(itemErrors).length;
      if (Object.keys(batchErrors).length) showFieldErrors(batchForm, { ...err, fields: batchErrors });
      const box = alertBox(err, {}, bad ? h('p', {}, t('console.survey.paper.itemErrors', { count: bad })) : null);
      batchStatus.replaceChildren(box);
      if (!Object.keys(batchErrors).length) box.focus();
    } finally {
      delete saveButton.dataset.busy;
      saveButton.removeAttribute('aria-disabled');
    }
  }

  const itemsEmpty = h('p', { class: 'muted' }, t('console.survey.paper.noItems'));
  renderItems();
  startSheet(false);

  return h('div', { class: 'view sv-paper-page' },
    surveyHeader(view, 'paper'),
    h('p', { class: 'lead' }, t('console.survey.paper.intro')),
    h('p', {}, h('a', { href: surveyPath(survey.id, 'fragebogen') }, t('console.survey.paperFormLink'))),
    draft && h('p', { class: 'notice' }, t('console.survey.error.survey_not_published')),
    live,
    h('section', { 'aria-labelledby': 'sv-batch-heading' },
      h('h2', { id: 'sv-batch-heading' }, t('console.survey.paper.batch')),
      batchForm),
    h('section', { class: 'sv-sheet-section' },
      sheetHeading,
      h('p', { class: 'hint', id: 'sv-keys' }, t('console.survey.paper.keys')),
      sheetFormEl),
    h('section', { 'aria-labelledby': 'sv-items-heading' },
      h('h2', { id: 'sv-items-heading' }, t('console.survey.paper.items')),
      itemsEmpty,
      itemList,
      batchStatus,
      h('div', { class: 'actions' }, saveButton)),
  );
}
