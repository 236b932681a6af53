// A survey as citizens see it, for the editor's live preview: large tap
// targets, stars for ratings, 0-10 scale, follow-ups only when their condition holds.
import { h } from '../../js/dom.js';
import { lang as uiLang, t } from '../../js/i18n.js';
import { questionNumber } from '../../js/survey/numbers.js';
import { nextId, tx } from './common.js';

const RATING = [1, 2, 3, 4, 5];
const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

// The selectable values of a question as [value, label] pairs (labels in `code`).
export function choicesOf(q, code = uiLang()) {
  if (q.type === 'single' || q.type === 'multi') return (q.options || []).map((o) => [o.id, tx(o.label, code) || o.id]);
  if (q.type === 'yesno') return [[true, t('console.survey.yes')], [false, t('console.survey.no')]];
  if (q.type === 'rating') return RATING.map((v) => [v, String(v)]);
  if (q.type === 'nps') return NPS.map((v) => [v, String(v)]);
  return [];
}

export function conditionMatches(q, answers) {
  if (!q.show_if) return true;
  const given = answers[q.show_if.question_id];
  const list = Array.isArray(given) ? given : [given];
  return list.some((g) => g !== undefined && g !== null && q.show_if.values.some((v) => v === g));
}

// Text in the survey's language, marked as such when it differs from the console's.
function say(value, code, tag = 'span', props = {}) {
  const text = tx(value, code);
  return h(tag, { ...props, lang: code !== uiLang() ? code : null }, text);
}

function stars(n) {
  return h('span', { class: 'sv-stars', 'aria-hidden': 'true' }, '★'.repeat(n), h('span', { class: 'sv-stars-off' }, '★'.repeat(5 - n)));
}

function choiceList(q, name, value, code, onChange) {
  const multi = q.type === 'multi';
  const selected = multi ? (Array.isArray(value) ? value : []) : value;
  const scale = q.type === 'rating' || q.type === 'nps';
  const items = choicesOf(q, code).map(([v, label]) => {
    const id = nextId('pv');
    const checked = multi ? selected.includes(v) : selected === v;
    const input = h('input', { id, type: multi ? 'checkbox' : 'radio', name, value: String(v), checked });
    input.addEventListener('change', () => {
      if (multi) {
        const next = new Set(selected);
        if (input.checked) next.add(v); else next.delete(v);
        onChange(choicesOf(q).map(([x]) => x).filter((x) => next.has(x)));
      } else {
        onChange(v);
      }
    });
    let text = label;
    if (q.type === 'rating') text = [stars(v), h('span', {}, t('console.survey.pv.ofFive', { n: v }))];
    return h('div', { class: scale ? 'sv-pv-scale-item' : 'sv-pv-choice' }, input, h('label', { for: id }, text));
  });
  return h('div', { class: scale ? `sv-pv-scale sv-pv-${q.type}` : 'sv-pv-choices' }, items);
}

export function renderQuestion(q, number, { code = uiLang(), value, onChange = () => {}, highlight = false } = {}) {
  const name = nextId(`pv-${q.id}`);
  const helpId = q.help && (q.help.de || q.help.en) ? nextId('pv-help') : null;
  const legend = [
    h('span', { class: 'sv-pv-number' }, `${number}. `),
    say(q.label, code),
    q.required && h('span', { class: 'sv-pv-required' }, ` (${t('console.survey.pv.required')})`),
  ];
  const help = helpId && say(q.help, code, 'p', { class: 'hint', id: helpId });
  let body;
  if (q.type === 'text') {
    const id = nextId('pv-text');
    const limit = q.max_length || 500;
    const counter = h('p', { class: 'hint sv-pv-counter', 'aria-live': 'polite' });
    const area = h('textarea', { id, name, rows: 3, maxlength: limit, 'aria-describedby': helpId, autocomplete: 'off' },
      value || '');
    const count = () => { counter.textContent = t('console.survey.pv.chars', { n: area.value.length, max: limit }); };
    area.addEventListener('input', () => { count(); onChange(area.value); });
    count();
    return h('div', { class: `sv-pv-q field${highlight ? ' sv-pv-current' : ''}`, 'data-qid': q.id },
      h('label', { for: id }, legend), help, area, counter);
  }
  body = choiceList(q, name, value, code, onChange);
  return h('fieldset', { class: `sv-pv-q field${highlight ? ' sv-pv-current' : ''}`, 'data-qid': q.id,
    'aria-describedby': helpId },
  h('legend', {}, legend),
  help,
  q.type === 'nps' && h('p', { class: 'sv-pv-ends', 'aria-hidden': 'true' },
    h('span', {}, t('console.survey.pv.npsLow')), h('span', {}, t('console.survey.pv.npsHigh'))),
  body);
}

// The whole survey; `answers` is kept by the caller so re-rendering keeps them.
export function renderSurvey(survey, { code = uiLang(), answers = {}, onAnswer = () => {}, current = null } = {}) {
  const shown = survey.questions.filter((q) => conditionMatches(q, answers));
  const total = shown.length;
  return h('div', { class: 'sv-citizen' },
    say(survey.title, code, 'p', { class: 'sv-pv-title' }),
    survey.intro && say(survey.intro, code, 'p', { class: 'sv-pv-intro lines' }),
    h('p', { class: 'sv-pv-progress' }, t('console.survey.pv.progress', { count: total })),
    shown.length
      ? h('ol', { class: 'sv-pv-list' }, shown.map((q) => h('li', {},
        q.show_if && h('p', { class: 'sv-pv-followup' }, t('console.survey.pv.followup')),
        renderQuestion(q, questionNumber(survey.questions, q.id), {
          code, value: answers[q.id], highlight: q.id === current, onChange: (v) => onAnswer(q.id, v),
        }))))
      : h('p', { class: 'muted' }, t('console.survey.pv.empty')),
    survey.privacy && h('details', { class: 'sv-pv-privacy' },
      h('summary', {}, t('console.survey.pv.privacy')), say(survey.privacy, code, 'p', { class: 'lines' })),
  );
}
