// The survey's question types beyond choice cards: rating 1–5 (stars with text
// labels), recommendation 0–10 (eleven buttons with end labels) and free text
// with a character counter. Loaded for the first step that needs them, or with
// the first input (done.js imports it).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { cards } from './parts.js';

const link = h('link', { rel: 'stylesheet', href: '/css/survey-scales.css' });
export const ready = new Promise((done) => {
  link.addEventListener('load', done);
  link.addEventListener('error', done);
});
document.head.append(link);

export const limit = (q) => q.max_length || 500;
export const chars = (q, text = '') => t('survey.chars', { count: limit(q) - text.length, max: limit(q) });

const numbers = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const stars = (v) => h('span', { class: 'sv-stars', 'aria-hidden': 'true' }, '★'.repeat(v), h('span', {}, '★'.repeat(5 - v)));

// The controls of one question (its heading and hint come from survey.js).
export function controls(q, answer, id, hint) {
  if (q.type === 'rating') return cards(q, answer, numbers(1, 5).map((v) => [v, `${v} – ${t(`survey.rating.${v}`)}`]), stars);
  if (q.type === 'nps') {
    return [cards(q, answer, numbers(0, 10).map((v) => [v, v])),
      h('p', { class: 'sv-ends' }, h('span', {}, t('survey.npsLow')), h('span', {}, t('survey.npsHigh')))];
  }
  return [
    h('textarea', {
      id: `${id}-in`, name: q.id, rows: 4, maxlength: limit(q), 'aria-describedby': `${hint ? hint.id : ''} ${id}-n`,
    }, answer),
    h('p', { class: 'sv-n', id: `${id}-n` }, chars(q, answer)),
  ];
}
