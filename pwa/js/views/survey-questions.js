// Survey questions as form controls (choice cards, 1–5 and 0–10 scales, free
// text), reading their answers back, and the checks the server also makes.
import { h } from '../dom.js';
import { lang, t } from '../i18n.js';

// A {de, en} text of the survey; English falls back to German.
export const tx = (v) => (v && (v[lang()] || v.de)) || '';

export const empty = (v) => v == null || (Array.isArray(v) ? !v.length : typeof v === 'string' && !v.trim());

export const limit = (q) => q.max_length || 500;

// Whether a follow-up is asked; strict equality keeps true and 1 apart, like the server.
export const asked = (q, answers) => !q.show_if
  || [answers[q.show_if.question_id]].flat().some((a) => q.show_if.values.includes(a));

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function choices(q) {
  if (q.type === 'yesno') return [[true, t('survey.yes')], [false, t('survey.no')]];
  if (q.type === 'rating') return range(1, 5).map((v) => [v, `${v} – ${t(`survey.rating.${v}`)}`]);
  if (q.type === 'nps') return range(0, 10).map((v) => [v, String(v)]);
  return q.options.map((o) => [o.id, tx(o.label)]);
}

const stars = (n) => h('span', { class: 'stars', 'aria-hidden': 'true' }, '★'.repeat(n), h('span', {}, '★'.repeat(5 - n)));

// One question: a fieldset with cards, or a labelled textarea with a counter.
// The heading receives the focus when its step opens.
export function question(q, answer, sub) {
  const id = `q-${q.id}`;
  const hint = q.help && h('p', { class: 'hint', id: `${id}-hint` }, tx(q.help));
  const req = q.required && h('span', { class: 'q-req' }, ` (${t('survey.required')})`);
  const heading = (label) => h(sub ? 'h3' : 'h2', { tabindex: '-1' }, label, req);
  if (q.type === 'text') {
    const box = h('textarea', {
      id: `${id}-in`, name: q.id, rows: 4, maxlength: limit(q), 'aria-describedby': `${hint ? `${id}-hint ` : ''}${id}-count`,
    }, answer || '');
    return h('div', { class: 'q', id, 'data-q': q.id },
      heading(h('label', { for: box.id }, tx(q.label))), hint, box,
      h('p', { class: 'counter', id: `${id}-count` }, count(q, answer)));
  }
  const multi = q.type === 'multi';
  const picked = (v) => (multi ? (answer || []).includes(v) : answer === v);
  return h('fieldset', { class: `q q-${q.type}`, id, 'data-q': q.id, 'aria-describedby': hint && hint.id },
    h('legend', {}, heading(tx(q.label))), hint,
    h('div', { class: 'opts' }, choices(q).map(([value, label]) => h('label', { class: 'opt' },
      h('input', { type: multi ? 'checkbox' : 'radio', name: q.id, value: String(value), checked: picked(value) }),
      q.type === 'rating' && stars(value),
      h('span', {}, label)))),
    q.type === 'nps' && h('p', { class: 'ends' }, h('span', {}, t('survey.npsLow')), h('span', {}, t('survey.npsHigh'))),
  );
}

export function count(q, answer) {
  return t('survey.chars', { count: limit(q) - (answer || '').length, max: limit(q) });
}

// The current answer as the API wants it: option id(s), number, true/false or text.
export function read(form, q) {
  const all = [...form.querySelectorAll(`[name="${q.id}"]`)];
  if (q.type === 'text') return all[0]?.value;
  const on = all.filter((el) => el.checked).map((el) => el.value);
  if (q.type === 'multi') return on;
  if (!on.length) return undefined;
  if (q.type === 'yesno') return on[0] === 'true';
  return q.type === 'single' ? on[0] : Number(on[0]);
}

export function problem(q, value) {
  if (empty(value)) return q.required ? t('survey.missing') : '';
  return q.type === 'text' && value.trim().length > limit(q) ? t('survey.tooLong', { max: limit(q) }) : '';
}

// Show (or clear) a question's error: next to its heading, announced, linked.
export function mark(block, message) {
  block.querySelector('.field-error')?.remove();
  block.classList.toggle('field-invalid', !!message);
  const errId = `${block.id}-err`;
  const target = block.querySelector('textarea') || block;
  const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== errId);
  if (message) {
    block.querySelector('h2, h3').closest('legend, h2, h3').after(h('p', { class: 'field-error', id: errId, role: 'alert' },
      h('span', { class: 'sr-only' }, `${t('form.errorPrefix')} `), message));
    ids.push(errId);
  }
  for (const el of block.querySelectorAll('input, textarea')) {
    if (message) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
  if (ids.length) target.setAttribute('aria-describedby', ids.join(' '));
  else target.removeAttribute('aria-describedby');
}
