// Survey editor: texts in German and English side by side, the period, the
// questions (add, remove, reorder by buttons, options, one level of follow-up),
// the optional raffle, and a live preview as citizens will see the survey.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { checkbox, clearErrors, field } from '../../js/forms.js';
import { LANGUAGES, lang, t } from '../../js/i18n.js';
import { navigate } from '../../js/router.js';
import {
  BASE, CHOICE_TYPES, CONDITION_TYPES, SLUG, TYPES, addDays, alertBox, apiPath, cloneForm, control, liveRegion,
  loadSurvey, nextId, select, showFieldErrors, slugify, surveyHeader, surveyPath, today, tx,
} from './survey-common.js';
import { choicesOf, renderSurvey } from './survey-preview.js';

const CODES = Object.keys(LANGUAGES);
// Unsaved edits survive a language switch or a visit to another page (same tab).
const drafts = new Map();

const emptyText = () => ({ de: '', en: '' });

function newSurvey() {
  const opens = today();
  return {
    id: '', status: 'draft', title: emptyText(), intro: emptyText(), privacy: {
      de: t('console.survey.privacyDefault.de'), en: t('console.survey.privacyDefault.en'),
    },
    opens, closes: addDays(opens, 28), raffle: null, questions: [],
  };
}

// "questions[2].options[1].label.de" -> ['questions', 2, 'options', 1, 'label', 'de']
function keys(path) {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

function setPath(target, path, value) {
  const parts = keys(path);
  const last = parts.pop();
  let node = target;
  parts.forEach((k, i) => {
    if (node[k] == null) node[k] = typeof parts[i + 1] === 'number' ? [] : {};
    node = node[k];
  });
  node[last] = value;
}

function getPath(target, path) {
  return keys(path).reduce((node, k) => node?.[k], target);
}

function uniqueId(base, taken) {
  let id = base || 'x';
  for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 36)}-${n}`;
  return id;
}

function label(key, code) {
  return `${t(key)} (${LANGUAGES[code].name})`;
}

export default async function surveyEditor({ params, query }) {
  const isNew = !params.id;
  const key = params.id || '';
  const view = isNew ? null : await loadSurvey(params.id);
  const saved = drafts.get(key);
  const restored = saved && (isNew || saved.revision === view.revision);
  const state = restored ? saved.state : {
    survey: isNew ? newSurvey() : structuredClone(view.survey),
    raffleOn: isNew ? false : Boolean(view.survey.raffle),
    autoSurveyId: isNew,
    previewLang: lang(),
    answers: {},
    current: null,
  };
  if (!restored) drafts.delete(key);
  const survey = () => state.survey;
  // Ids derived from the German text until someone types an id of their own.
  const autoIds = state.autoIds || (state.autoIds = new WeakSet());
  const live = liveRegion();
  const status = h('div', { class: 'sv-status' });

  function touched() {
    if (!drafts.has(key)) drafts.set(key, { revision: view?.revision, state });
  }

  // --- text fields ---------------------------------------------------------------

  function textField(path, labelKey, code, { rows = 0, required = false, max, hint } = {}) {
    return field({
      name: `${path}.${code}`,
      label: label(labelKey, code),
      value: getPath(state.survey, `${path}.${code}`) ?? '',
      rows,
      hint,
      required: required && code === 'de',
      autocomplete: 'off',
      attrs: { lang: code, 'data-path': `${path}.${code}`, maxlength: max, spellcheck: 'true' },
    });
  }

  function pair(path, labelKey, options = {}) {
    return h('div', { class: 'sv-pair' }, CODES.map((code) => textField(path, labelKey, code, options)));
  }

  function dateField(path, labelKey, value, hint) {
    const el = h('input', { type: 'date', value: value || '', 'data-path': path, autocomplete: 'off', required: true });
    return control({ name: path, label: t(labelKey), hint, el });
  }

  // --- questions -------------------------------------------------------------------

  const questionList = h('ol', { class: 'sv-qlist' });

  function typeName(type) {
    return t(`console.survey.type.${type}`);
  }

  function eligibleParents(index) {
    return survey().questions.slice(0, index).filter((q) => !q.show_if && CONDITION_TYPES.includes(q.type));
  }

  function conditionValues(parent) {
    if (!parent) return [];
    return choicesOf(parent).map(([value, text]) => [value, parent.type === 'rating' || parent.type === 'nps'
      ? text : `${text}`]);
  }

  // Values that still exist on the parent (its type or options may have changed).
  function keepValidValues(q) {
    if (!q.show_if) return;
    const parent = survey().questions.find((p) => p.id === q.show_if.question_id);
    if (!parent) return;
    const allowed = conditionValues(parent).map(([v]) => v);
    q.show_if.values = q.show_if.values.filter((v) => allowed.includes(v));
  }

  function questionButton(text, name, onClick, disabled) {
    return h('button', { type: 'button', class: 'button button-small button-secondary', 'data-action': name,
      'aria-label': text.full, disabled, onclick: onClick }, text.short);
  }

  function optionRow(q, i, o, k) {
    const base = `questions[${i}].options[${k}]`;
    const count = q.options.length;
    const n = k + 1;
    const headingId = nextId('opt');
    const idInput = field({ name: `${base}.id`, label: t('console.survey.optionId'), value: o.id, autocomplete: 'off',
      attrs: { 'data-path': `${base}.id`, spellcheck: 'false', autocapitalize: 'none', maxlength: 40, class: 'sv-id' } });
    return h('li', { class: 'sv-opt', 'data-key': `opt-${i}-${k}` },
      h('div', { role: 'group', 'aria-labelledby': headingId },
        h('p', { class: 'sv-opt-title', id: headingId }, t('console.survey.optionN', { n })),
        h('div', { class: 'sv-pair' }, CODES.map((code) => field({
          name: `${base}.label.${code}`, label: label('console.survey.optionLabel', code), value: o.label?.[code] ?? '',
          required: code === 'de', autocomplete: 'off',
          attrs: { lang: code, 'data-path': `${base}.label.${code}`, maxlength: 300, 'data-option': `${i}.${k}` },
        }))),
        idInput,
        h('div', { class: 'sv-tools' },
          questionButton({ short: t('console.survey.up'), full: t('console.survey.optionUp', { n }) }, 'opt-up',
            () => moveOption(i, k, -1), k === 0),
          questionButton({ short: t('console.survey.down'), full: t('console.survey.optionDown', { n }) }, 'opt-down',
            () => moveOption(i, k, 1), k === count - 1),
          questionButton({ short: t('console.survey.remove'), full: t('console.survey.optionRemove', { n }) }, 'opt-remove',
            () => removeOption(i, k), count <= 2))));
  }

  function optionsEditor(q, i) {
    const path = `questions[${i}].options`;
    return h('fieldset', { class: 'field sv-options', 'data-field': path },
      h('legend', {}, t('console.survey.options')),
      h('p', { class: 'hint' }, t('console.survey.optionsHint')),
      h('ol', { class: 'sv-optlist' }, q.options.map((o, k) => optionRow(q, i, o, k))),
      h('button', { type: 'button', class: 'button button-small button-secondary', 'data-key': `opt-add-${i}`,
        onclick: () => addOption(i), disabled: q.options.length >= 12 }, t('console.survey.optionAdd')));
  }

  function followUpEditor(q, i) {
    const parents = eligibleParents(i);
    const path = `questions[${i}].show_if`;
    const on = Boolean(q.show_if);
    const toggle = checkbox({ name: `${path}.on`, label: t('console.survey.followUp'), checked: on });
    const input = toggle.querySelector('input');
    input.dataset.key = `follow-${i}`;
    input.disabled = !on && parents.length === 0;
    input.addEventListener('change', () => {
      if (input.checked) {
        const parent = parents.at(-1);
        q.show_if = { question_id: parent?.id || '', values: [] };
      } else {
        q.show_if = null;
      }
      touched();
      renderQuestions(`follow-${i}`);
    });
    const parts = [toggle];
    if (!on && parents.length === 0) parts.push(h('p', { class: 'hint' }, t('console.survey.followUpNone')));
    if (on) {
      const parent = survey().questions.find((p) => p.id === q.show_if.question_id);
      const known = parents.some((p) => p.id === q.show_if.question_id);
      const choices = parents.map((p) => [p.id, `${t('console.survey.questionN', { n: survey().questions.indexOf(p) + 1 })}: ${
        tx(p.label) || p.id}`]);
      if (!known) choices.unshift([q.show_if.question_id, t('console.survey.followUpInvalid', { id: q.show_if.question_id || '–' })]);
      const parentSelect = select(choices, q.show_if.question_id, { 'data-key': `parent-${i}` });
      parentSelect.addEventListener('change', () => {
        q.show_if = { question_id: parentSelect.value, values: [] };
        touched();
        renderQuestions(`parent-${i}`);
      });
      const values = conditionValues(known ? parent : null);
      const valueBoxes = values.map(([value, text]) => {
        const id = nextId('cond');
        const box = h('input', { id, type: 'checkbox', checked: q.show_if.values.includes(value), 'data-key': `cond-${i}-${String(value)}` });
        box.addEventListener('change', () => {
          const set = new Set(q.show_if.values);
          if (box.checked) set.add(value); else set.delete(value);
          q.show_if.values = values.map(([v]) => v).filter((v) => set.has(v));
          touched();
          schedulePreview();
        });
        return h('div', { class: 'check' }, box, h('label', { for: id }, text));
      });
      parts.push(h('div', { class: 'sv-condition' },
        control({ name: `${path}.question_id`, label: t('console.survey.followUpParent'), el: parentSelect }),
        h('fieldset', { class: 'field sv-values', 'data-field': `${path}.values` },
          h('legend', {}, t('console.survey.followUpValues')),
          values.length ? valueBoxes : h('p', { class: 'hint' }, t('console.survey.followUpPick')))));
    }
    return h('fieldset', { class: 'field sv-follow', 'data-field': path },
      h('legend', {}, t('console.survey.followUpTitle')), parts);
  }

  function questionCard(q, i) {
    const count = survey().questions.length;
    const n = i + 1;
    const base = `questions[${i}]`;
    const headingId = nextId('q');
    const typeSelect = select(TYPES.map((type) => [type, typeName(type)]), q.type, { 'data-key': `type-${i}` });
    typeSelect.addEventListener('change', () => changeType(i, typeSelect.value));
    const dependents = survey().questions.filter((x) => x.show_if?.question_id === q.id).length;
    const required = checkbox({ name: `${base}.required`, label: t('console.survey.required'), checked: q.required });
    required.querySelector('input').dataset.path = `${base}.required`;
    return h('li', { class: `sv-qcard${q.show_if ? ' sv-qcard-follow' : ''}`, 'data-qid': q.id, 'data-index': i },
      h('h3', { id: headingId, tabindex: '-1', 'data-key': `heading-${i}` },
        t('console.survey.questionN', { n }), h('span', { class: 'sv-qtype' }, ` · ${typeName(q.type)}`),
        q.show_if && h('span', { class: 'sv-qtype' }, ` · ${t('console.survey.followUpShort')}`)),
      h('div', { role: 'group', 'aria-labelledby': headingId, class: 'sv-qbody' },
        h('div', { class: 'sv-tools' },
          questionButton({ short: t('console.survey.up'), full: t('console.survey.questionUp', { n }) }, 'up',
            () => moveQuestion(i, -1), i === 0),
          questionButton({ short: t('console.survey.down'), full: t('console.survey.questionDown', { n }) }, 'down',
            () => moveQuestion(i, 1), i === count - 1),
          questionButton({ short: t('console.survey.remove'), full: t('console.survey.questionRemove', { n }) }, 'remove',
            () => removeQuestion(i), false)),
        h('div', { class: 'sv-pair' },
          control({ name: `${base}.type`, label: t('console.survey.type'), el: typeSelect }),
          field({ name: `${base}.id`, label: t('console.survey.questionId'), value: q.id, autocomplete: 'off',
            attrs: { 'data-path': `${base}.id`, 'data-qid-input': String(i), spellcheck: 'false', autocapitalize: 'none',
              maxlength: 40, class: 'sv-id' } })),
        dependents > 0 && h('p', { class: 'hint sv-after-pair' }, t('console.survey.questionIdUsed', { count: dependents })),
        h('div', { class: 'sv-pair' }, CODES.map((code) => field({
          name: `${base}.label.${code}`, label: label('console.survey.questionText', code), value: q.label?.[code] ?? '',
          required: code === 'de', autocomplete: 'off', rows: 2,
          attrs: { lang: code, 'data-path': `${base}.label.${code}`, maxlength: 300 },
        }))),
        h('div', { class: 'sv-pair' }, CODES.map((code) => field({
          name: `${base}.help.${code}`, label: label('console.survey.help', code), value: q.help?.[code] ?? '',
          required: false, autocomplete: 'off',
          attrs: { lang: code, 'data-path': `${base}.help.${code}`, maxlength: 1000 },
        }))),
        required,
        q.type === 'text' && control({ name: `${base}.max_length`, label: t('console.survey.maxLength'),
          hint: t('console.survey.maxLengthHint'),
          el: h('input', { type: 'number', min: 1, max: 1000, step: 1, value: q.max_length ?? 500, inputmode: 'numeric',
            'data-path': `${base}.max_length`, 'data-int': '1', autocomplete: 'off', class: 'sv-num' }) }),
        CHOICE_TYPES.includes(q.type) && optionsEditor(q, i),
        i > 0 && followUpEditor(q, i),
      ));
  }

  // Re-render the question list; focus goes back to the control with data-key `focusKey`.
  function renderQuestions(focusKey) {
    survey().questions.forEach(keepValidValues);
    questionList.replaceChildren(...survey().questions.map(questionCard));
    addArea.hidden = survey().questions.length >= 40;
    if (focusKey) {
      const target = questionList.querySelector(`[data-key="${CSS.escape(focusKey)}"]`) || form.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (target && !target.disabled) target.focus();
      else if (target?.closest('.sv-qcard')) target.closest('.sv-qcard').querySelector('h3').focus();
      else if (target) target.focus();
    }
    schedulePreview();
  }

  function nextQuestionId() {
    const taken = new Set(survey().questions.map((q) => q.id));
    let n = survey().questions.length + 1;
    while (taken.has(`frage${n}`)) n += 1;
    return `frage${n}`;
  }

  function newOption(q, n) {
    const taken = new Set(q.options.map((o) => o.id));
    const option = { id: uniqueId(`a${n}`, taken), label: emptyText() };
    autoIds.add(option);
    return option;
  }

  function addQuestion(type) {
    const q = { id: nextQuestionId(), type, label: emptyText(), help: null, required: false, options: [],
      max_length: type === 'text' ? 500 : null, show_if: null };
    if (CHOICE_TYPES.includes(type)) q.options = [newOption(q, 1), newOption(q, 2)];
    survey().questions.push(q);
    touched();
    const i = survey().questions.length - 1;
    renderQuestions(`heading-${i}`);
    live.say(t('console.survey.questionAdded', { n: i + 1 }));
  }

  function changeType(i, type) {
    const q = survey().questions[i];
    q.type = type;
    if (CHOICE_TYPES.includes(type) && q.options.length < 2) {
      while (q.options.length < 2) q.options.push(newOption(q, q.options.length + 1));
    }
    q.max_length = type === 'text' ? (q.max_length || 500) : null;
    touched();
    renderQuestions(`type-${i}`);
  }

  function moveQuestion(i, delta) {
    const list = survey().questions;
    const j = i + delta;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    touched();
    const edge = (delta < 0 && j === 0) || (delta > 0 && j === list.length - 1);
    renderQuestions(edge ? `heading-${j}` : null);
    if (!edge) questionList.children[j].querySelector(`[data-action="${delta < 0 ? 'up' : 'down'}"]`).focus();
    live.say(t('console.survey.questionMoved', { n: j + 1, total: list.length }));
  }

  function removeQuestion(i) {
    const list = survey().questions;
    const [gone] = list.splice(i, 1);
    let cleared = 0;
    for (const q of list) {
      if (q.show_if?.question_id === gone.id) {
        q.show_if = null;
        cleared += 1;
      }
    }
    delete state.answers[gone.id];
    touched();
    const next = list.length ? `heading-${Math.min(i, list.length - 1)}` : 'add-type';
    renderQuestions(next);
    live.say(t('console.survey.questionRemoved', { n: i + 1 }) + (cleared ? ` ${t('console.survey.conditionsCleared', { count: cleared })}` : ''));
  }

  function addOption(i) {
    const q = survey().questions[i];
    q.options.push(newOption(q, q.options.length + 1));
    touched();
    renderQuestions(`opt-${i}-${q.options.length - 1}`);
    const row = questionList.querySelector(`[data-key="opt-${i}-${q.options.length - 1}"] input`);
    row?.focus();
  }

  function moveOption(i, k, delta) {
    const opts = survey().questions[i].options;
    const j = k + delta;
    if (j < 0 || j >= opts.length) return;
    [opts[k], opts[j]] = [opts[j], opts[k]];
    touched();
    renderQuestions();
    const row = questionList.querySelector(`[data-key="opt-${i}-${j}"]`);
    const button = row.querySelector(`[data-action="${delta < 0 ? 'opt-up' : 'opt-down'}"]`);
    (button.disabled ? row.querySelector('input') : button).focus();
    live.say(t('console.survey.optionMoved', { n: j + 1, total: opts.length }));
  }

  function removeOption(i, k) {
    const q = survey().questions[i];
    if (q.options.length <= 2) return;
    q.options.splice(k, 1);
    touched();
    renderQuestions();
    const row = questionList.querySelector(`[data-key="opt-${i}-${Math.min(k, q.options.length - 1)}"]`);
    row?.querySelector('input')?.focus();
    live.say(t('console.survey.optionRemoved', { n: k + 1 }));
  }

  // --- raffle -------------------------------------------------------------------------

  const raffleArea = h('div', {});
  function renderRaffle() {
    if (!state.raffleOn) return raffleArea.replaceChildren();
    const r = survey().raffle || (survey().raffle = { prize: emptyText(), winners: 1,
      publication_end: addDays(survey().closes || today(), 28) });
    raffleArea.replaceChildren(
      pair('raffle.prize', 'console.survey.prize', { required: true, rows: 2, max: 300 }),
      h('div', { class: 'sv-pair' },
        control({ name: 'raffle.winners', label: t('console.survey.winners'),
          el: h('input', { type: 'number', min: 1, max: 1000, step: 1, value: r.winners, inputmode: 'numeric',
            'data-path': 'raffle.winners', 'data-int': '1', autocomplete: 'off', class: 'sv-num' }) }),
        dateField('raffle.publication_end', 'console.survey.publicationEnd', r.publication_end,
          t('console.survey.publicationEndHint'))),
    );
    return undefined;
  }
  const raffleToggle = checkbox({ name: 'raffle', label: t('console.survey.raffleOn'), checked: state.raffleOn });
  raffleToggle.querySelector('input').addEventListener('change', (event) => {
    state.raffleOn = event.target.checked;
    touched();
    renderRaffle();
    if (state.raffleOn) raffleArea.querySelector('textarea, input')?.focus();
  });

  // --- general fields -------------------------------------------------------------------

  let idArea;
  if (isNew) {
    idArea = field({ name: 'id', label: t('console.survey.id'), hint: t('console.survey.idHint'), value: survey().id,
      autocomplete: 'off', attrs: { 'data-path': 'id', spellcheck: 'false', autocapitalize: 'none', maxlength: 40, class: 'sv-id' } });
  } else {
    idArea = h('dl', { class: 'facts' },
      h('dt', {}, t('console.survey.id')), h('dd', {}, h('code', {}, view.survey.id)),
      h('dt', {}, t('console.survey.publicLink')), h('dd', {}, h('code', {}, view.public_url)));
  }

  const addType = select(TYPES.map((type) => [type, typeName(type)]), 'single', { 'data-key': 'add-type' });
  const addArea = h('div', { class: 'sv-add', 'data-field': 'questions' },
    h('label', { for: (addType.id = nextId('addtype')) }, t('console.survey.addType')),
    h('div', { class: 'sv-add-row' }, addType,
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => addQuestion(addType.value) },
        t('console.survey.addQuestion'))));

  const saveButton = h('button', { type: 'submit', class: 'button' }, t(isNew ? 'console.survey.create' : 'console.survey.save'));
  const form = h('form', { class: 'sv-editor-form', novalidate: true },
    h('fieldset', { class: 'group' }, h('legend', {}, t('console.survey.general')),
      idArea,
      pair('title', 'console.survey.title', { required: true, max: 200 }),
      pair('intro', 'console.survey.intro', { required: true, rows: 3, max: 2000 }),
      pair('privacy', 'console.survey.privacy', { required: true, rows: 4, max: 5000 }),
      h('div', { class: 'sv-pair' },
        dateField('opens', 'console.survey.opens', survey().opens),
        dateField('closes', 'console.survey.closes', survey().closes))),
    h('fieldset', { class: 'group sv-questions' }, h('legend', {}, t('console.survey.questions')),
      h('p', { class: 'hint' }, t('console.survey.questionsHint')),
      questionList, addArea),
    h('fieldset', { class: 'group' }, h('legend', {}, t('console.survey.raffle')),
      h('p', { class: 'hint' }, t('console.survey.raffleHint')),
      raffleToggle, raffleArea),
    h('div', { class: 'actions sv-save' }, saveButton,
      !isNew && view.survey.status === 'draft' && h('a', { href: surveyPath(view.survey.id, 'publish') },
        t('console.survey.toPublish'))),
    status,
  );

  // Every bound control writes its value into the survey as it changes.
  form.addEventListener('input', (event) => {
    const el = event.target;
    const path = el.dataset.path;
    if (!path) return;
    let value = el.type === 'checkbox' ? el.checked : el.value;
    if (el.dataset.int) value = el.value === '' ? null : Number.parseInt(el.value, 10);
    const before = getPath(state.survey, path);
    setPath(state.survey, path, value);
    touched();
    if (path === 'id') state.autoSurveyId = false;
    if (path === 'title.de' && state.autoSurveyId) {
      survey().id = slugify(value);
      form.querySelector('[data-path="id"]').value = survey().id;
    }
    if (el.dataset.qidInput !== undefined) {
      for (const q of survey().questions) if (q.show_if?.question_id === before) q.show_if.question_id = value;
    }
    const optionRef = /^questions\[(\d+)\]\.options\[(\d+)\]\.(id|label\.de)$/.exec(path);
    if (optionRef) {
      const q = survey().questions[Number(optionRef[1])];
      const option = q.options[Number(optionRef[2])];
      if (optionRef[3] === 'id') autoIds.delete(option);
      let oldId = optionRef[3] === 'id' ? before : option.id;
      if (optionRef[3] === 'label.de' && autoIds.has(option)) {
        const taken = new Set(q.options.filter((o) => o !== option).map((o) => o.id));
        option.id = uniqueId(slugify(value, 30) || `a${Number(optionRef[2]) + 1}`, taken);
        const idInput = form.querySelector(`[data-path="questions[${optionRef[1]}].options[${optionRef[2]}].id"]`);
        if (idInput) idInput.value = option.id;
      } else if (optionRef[3] !== 'id') {
        oldId = null;
      }
      if (oldId != null && oldId !== option.id) {
        for (const x of survey().questions) {
          if (x.show_if?.question_id === q.id) x.show_if.values = x.show_if.values.map((v) => (v === oldId ? option.id : v));
        }
      }
    }
    if (path === 'closes' && state.raffleOn && !survey().raffle?.publication_end) {
      setPath(state.survey, 'raffle.publication_end', addDays(value, 28));
    }
    schedulePreview();
  });
  form.addEventListener('focusin', (event) => {
    const card = event.target.closest('.sv-qcard');
    const qid = card ? survey().questions[Number(card.dataset.index)]?.id : null;
    if (qid !== state.current) {
      state.current = qid;
      schedulePreview(true);
    }
  });

  // --- preview ---------------------------------------------------------------------------

  const previewBody = h('div', { class: 'sv-preview-body' });
  const previewLang = select(CODES.map((code) => [code, LANGUAGES[code].name]), state.previewLang);
  previewLang.addEventListener('change', () => {
    state.previewLang = previewLang.value;
    schedulePreview();
  });
  let frame = 0;
  function schedulePreview(scroll = false) {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => renderPreview(scroll));
  }
  function renderPreview(scroll, focusAfter) {
    previewBody.replaceChildren(renderSurvey(payload(), {
      code: state.previewLang,
      answers: state.answers,
      current: state.current,
      onAnswer: (qid, value) => {
        state.answers[qid] = value;
        if (survey().questions.some((q) => q.show_if?.question_id === qid)) {
          const active = document.activeElement;
          const selector = active?.closest('[data-qid]') && active.value !== undefined
            ? `[data-qid="${CSS.escape(qid)}"] input[value="${CSS.escape(active.value)}"]` : null;
          renderPreview(false, selector);
        }
      },
    }));
    if (focusAfter) previewBody.querySelector(focusAfter)?.focus();
    if (scroll && state.current) {
      const target = previewBody.querySelector(`[data-qid="${CSS.escape(state.current)}"]`);
      if (target && previewBody.scrollHeight > previewBody.clientHeight) {
        previewBody.scrollTop = target.offsetTop - previewBody.offsetTop - 16;
      }
    }
  }
  const previewHeading = nextId('preview');
  const preview = h('section', { class: 'sv-preview', 'aria-labelledby': previewHeading },
    h('div', { class: 'sv-preview-head' },
      h('h2', { id: previewHeading }, t('console.survey.preview')),
      control({ name: 'preview-lang', label: t('console.survey.previewLang'), el: previewLang, cls: 'sv-inline-field' })),
    h('p', { class: 'hint' }, t('console.survey.previewHint')),
    previewBody);

  // --- saving -------------------------------------------------------------------------------

  // The survey as the API expects it: unused parts dropped, empty help removed.
  function payload() {
    const s = structuredClone(state.survey);
    s.raffle = state.raffleOn ? s.raffle : null;
    s.questions = s.questions.map((q) => ({
      ...q,
      options: CHOICE_TYPES.includes(q.type) ? q.options : [],
      max_length: q.type === 'text' ? q.max_length : null,
      help: q.help && (q.help.de?.trim() || q.help.en?.trim()) ? q.help : null,
    }));
    if (isNew) {
      delete s.series;
      delete s.wave;
    }
    return s;
  }

  // The new wave starts with the edits made here (questions included), waiting to be saved.
  function carryEdits(created) {
    const target = created.survey;
    const edited = structuredClone(state.survey);
    const raffle = state.raffleOn && edited.raffle
      ? { ...edited.raffle, publication_end: target.raffle?.publication_end || edited.raffle.publication_end } : null;
    drafts.delete(key);
    drafts.set(target.id, {
      revision: created.revision,
      state: { ...state, answers: {}, current: null, autoIds: new WeakSet(), raffleOn: Boolean(raffle),
        survey: { ...edited, id: target.id, series: target.series, wave: target.wave, status: target.status,
          opens: target.opens, closes: target.closes, raffle } },
    });
  }

  function showCloneOffer(err) {
    const offer = h('div', { class: 'sv-clone-area' });
    const open = () => {
      const clone = cloneForm(view, { onCreated: carryEdits, onCancel: () => { offer.replaceChildren(); button.focus(); } });
      offer.replaceChildren(clone);
      clone.focusHeading();
    };
    const button = h('button', { type: 'button', class: 'button', onclick: open }, t('console.survey.cloneAction'));
    const box = alertBox(err, {}, h('div', { class: 'actions' }, button));
    status.replaceChildren(box, offer);
    box.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    clearErrors(form);
    status.replaceChildren();
    const body = payload();
    if (isNew && !SLUG.test(body.id || '')) {
      showFieldErrors(form, { code: 'validation_failed', fields: { id: 'must be 1-40 characters a-z, 0-9, _ or -' } });
      return;
    }
    form.dataset.busy = '1';
    form.setAttribute('aria-busy', 'true');
    try {
      if (isNew) {
        const created = await api.post('/api/surveys', body);
        drafts.delete(key);
        navigate(`${surveyPath(created.survey.id)}?angelegt=1`, { replace: true });
        return;
      }
      const updated = await api.put(apiPath(view.survey.id), body);
      drafts.delete(key);
      Object.assign(view, updated);
      const done = h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' }, t('console.survey.saved'));
      status.replaceChildren(done);
      done.focus();
    } catch (err) {
      if (err.code === 'clone_required') showCloneOffer(err);
      else if (Object.keys(err.fields || {}).length) showFieldErrors(form, err);
      else {
        const box = alertBox(err, {});
        status.replaceChildren(box);
        box.focus();
      }
    } finally {
      delete form.dataset.busy;
      form.removeAttribute('aria-busy');
    }
  });

  renderQuestions();
  renderRaffle();
  renderPreview();

  const notices = [];
  if (query.get('angelegt')) notices.push(h('p', { class: 'notice notice-ok', role: 'status' }, t('console.survey.created')));
  if (query.get('neu') === 'welle') notices.push(h('p', { class: 'notice notice-ok', role: 'status' }, t('console.survey.cloned')));
  if (restored) {
    const discard = h('button', { type: 'button', class: 'button button-small button-secondary', onclick: () => {
      drafts.delete(key);
      navigate(location.pathname, { replace: true });
    } }, t('console.survey.discard'));
    notices.push(h('div', { class: 'notice', role: 'status' }, h('p', {}, t('console.survey.restored')), discard));
  }
  if (view && !view.questions_editable) {
    const offer = h('div', {});
    const button = h('button', { type: 'button', class: 'button button-small', onclick: () => {
      const clone = cloneForm(view, { onCreated: carryEdits, onCancel: () => { offer.replaceChildren(); button.focus(); } });
      offer.replaceChildren(clone);
      clone.focusHeading();
    } }, t('console.survey.cloneAction'));
    notices.push(h('div', { class: 'notice sv-locked' },
      h('p', {}, t('console.survey.locked', { count: view.responses })), h('div', { class: 'actions' }, button), offer));
  }

  return h('div', { class: 'view sv-wide sv-editor-page' },
    isNew
      ? [h('p', { class: 'sv-back' }, h('a', { class: 'back', href: BASE }, t('console.survey.backToList'))),
        h('h1', {}, t('console.survey.newTitle'))]
      : surveyHeader(view, 'edit'),
    notices,
    live,
    h('div', { class: 'sv-editor-grid' }, form, preview),
  );
}
