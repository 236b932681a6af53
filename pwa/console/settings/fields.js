// Form controls of the offices-and-services page, shared by its sections
// (offices.js builds the page, services.js the sections).
import { h } from '../../js/dom.js';

let counter = 0;
const nextId = () => `cat-${(counter += 1)}`;

// A labelled control bound to the model: get() fills it, set(value) writes back.
// path: the server's field path; where: a readable location for the error summary.
export function control({ path, where, label, context, hint, type = 'text', rows = 0, get, set, attrs = {} }) {
  const id = nextId();
  const hintId = hint ? `${id}-hint` : null;
  const common = { id, 'aria-describedby': hintId, 'data-key': path, ...attrs };
  const value = get() ?? '';
  let input;
  if (type === 'checkbox') {
    input = h('input', { ...common, type, checked: Boolean(value), onchange: () => set(input.checked) });
    return h('div', { class: 'field check', 'data-field': path, 'data-where': where },
      input, h('label', { for: id }, label, context && h('span', { class: 'sr-only' }, ` (${context})`)));
  }
  input = rows > 0
    ? h('textarea', { ...common, rows, oninput: () => set(input.value) }, String(value))
    : h('input', { ...common, type, value: String(value), oninput: () => set(input.value) });
  return h('div', { class: 'field', 'data-field': path, 'data-where': where },
    h('label', { for: id }, label, context && h('span', { class: 'sr-only' }, ` (${context})`)),
    hint && h('p', { id: hintId, class: 'hint' }, hint),
    input,
  );
}

export function group(legend, attrs, ...children) {
  return h('fieldset', { class: 'group', ...attrs }, h('legend', {}, legend), children);
}

// A button whose visible text is short and whose full name says what it acts on.
export function smallButton(text, fullName, onclick, attrs = {}) {
  return h('button', { type: 'button', class: 'button button-small button-secondary', onclick, ...attrs },
    text, fullName && h('span', { class: 'sr-only' }, `: ${fullName}`));
}

// Whole numbers go to the server as numbers; anything else as typed, so it names the problem.
export function number(value) {
  const text = String(value).trim();
  return /^\d+$/.test(text) ? Number(text) : text;
}
