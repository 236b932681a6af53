// Pieces the survey views share: texts in the current language, web storage, choice cards.
import { h } from '../dom.js';
import { lang } from '../i18n.js';

export const tx = (v) => (v && (v[lang()] || v.de)) || '';

// JSON in web storage: keep(area, key) reads, keep(area, key, value) writes, null removes.
export function keep(area, key, value) {
  try {
    const store = window[`${area}Storage`];
    if (value === undefined) return JSON.parse(store.getItem(key));
    if (value === null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    // storage blocked
  }
  return null;
}

// Choice cards; rating, 0–10 and free text come from scales.js, loaded when needed.
export const cards = (q, answer, values, extra) => h('div', { class: 'sv-opts' }, values.map(([v, label]) => h('label', {},
  h('input', { type: q.type === 'multi' ? 'checkbox' : 'radio', name: q.id, value: String(v), checked: [answer].flat().includes(v) }),
  extra?.(v), h('span', {}, label))));
