// The questions part of the survey editor: the list of question cards with their options and
// follow-up conditions, and adding, changing, moving and removing questions and options.
import { h } from '../../js/dom.js';
import { checkbox, field } from '../../js/forms.js';
import { LANGUAGES, lang, t } from '../../js/i18n.js';
import { CHOICE_TYPES, CONDITION_TYPES, TYPES, control, nextId, select, tx } from './common.js';
import { choicesOf } from './preview.js';

const CODES = Object.keys(LANGUAGES);
const emptyText = () => ({ de: '', en: '' });

// An id not yet in `taken`: base, base-2, base-3 ...
export function uniqueId(base, taken) {
  let id = base || 'x';
  for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 36)}-${n}`;
  return id;
}

// Editor state and helpers come from the editor; refs.form and refs.addArea are set once it built them.
export function questionsEditor({ state, survey, touched, live, pair, autoIds, schedulePreview, label, refs }) {
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
    refs.addArea.hidden = survey().questions.length >= 40;
    if (focusKey) {
      const target = questionList.querySelector(`[data-key="${CSS.escape(focusKey)}"]`) || refs.form.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
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


  return { questionList, renderQuestions, addQuestion, typeName };
}
