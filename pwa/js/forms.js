// Form building blocks with accessible errors: an error summary on top
// (role="alert", links to the fields) and a message next to each field.
import { h } from './dom.js';
import { t } from './i18n.js';
import { errorText } from './shell.js';

let counter = 0;
const nextId = (name) => `f-${name.replace(/\W/g, '-')}-${(counter += 1)}`;

// One labelled input (rows > 0: a textarea). Extra attributes (minlength,
// pattern, lang, ...) go in attrs.
export function field({ name, label, type = 'text', hint, autocomplete, required = true, value, rows = 0, attrs = {} }) {
  const id = nextId(name);
  const hintId = hint ? `${id}-hint` : null;
  const common = { id, name, autocomplete, required, 'aria-describedby': hintId, ...attrs };
  const control = rows > 0
    ? h('textarea', { ...common, rows }, value ?? '')
    : h('input', { ...common, type, value });
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label),
    hint && h('p', { id: hintId, class: 'hint' }, hint),
    control,
  );
}

// A group of checkboxes; options: [{ value, label, hint? }].
export function checkboxes({ name, legend, hint, options, checked = [] }) {
  const hintId = hint ? `${nextId(name)}-hint` : null;
  return h('fieldset', { class: 'field', 'data-field': name, 'aria-describedby': hintId },
    h('legend', {}, legend),
    hint && h('p', { id: hintId, class: 'hint' }, hint),
    options.map((option) => {
      const id = nextId(`${name}-${option.value}`);
      return h('div', { class: 'check' },
        h('input', { id, type: 'checkbox', name, value: option.value, checked: checked.includes(option.value) }),
        h('label', { for: id }, option.label, option.hint && h('span', { class: 'hint' }, option.hint)),
      );
    }),
  );
}

// summary: a short name for the error summary when the label is long (a consent text).
export function checkbox({ name, label, checked = false, summary }) {
  const id = nextId(name);
  return h('div', { class: 'field check', 'data-field': name, 'data-summary': summary },
    h('input', { id, type: 'checkbox', name, checked }),
    h('label', { for: id }, label),
  );
}

export function submitButton(label, cls = 'button') {
  return h('button', { type: 'submit', class: cls }, label);
}

export function values(form) {
  const data = new FormData(form);
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'submit') continue;
    if (el.type === 'checkbox' && el.closest('fieldset')?.dataset.field === el.name) out[el.name] = data.getAll(el.name);
    else if (el.type === 'checkbox') out[el.name] = el.checked;
    else out[el.name] = String(data.get(el.name) ?? '');
  }
  return out;
}

export function clearErrors(form) {
  form.querySelector(':scope > .error-summary')?.remove();
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('.field-invalid')) el.classList.remove('field-invalid');
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const own = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
    if (own.length) el.setAttribute('aria-describedby', own.join(' '));
    else el.removeAttribute('aria-describedby');
  }
}

// Puts the message under the field's label (or hint) and ties it to every control of the field.
export function markInvalid(wrap, controls, errorId, message) {
  const note = h('p', { id: errorId, class: 'field-error' }, h('span', { class: 'sr-only' }, `${t('form.errorPrefix')} `), message);
  wrap.classList.add('field-invalid');
  const anchor = wrap.querySelector(':scope > .hint') || wrap.querySelector(':scope > legend, :scope > label');
  if (anchor) anchor.after(note);
  else wrap.prepend(note);
  for (const control of controls) {
    control.setAttribute('aria-invalid', 'true');
    const describedBy = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [...describedBy, errorId].join(' '));
  }
}

// An error-summary entry that moves focus to the field at fault.
export function errorLink(first, text) {
  return h('li', {}, h('a', { href: `#${first.id}`, onclick: (event) => { event.preventDefault(); first.focus(); } }, text));
}

// err: an ApiError or { message, fields } (fields: name -> message).
export function showErrors(form, err) {
  clearErrors(form);
  const items = [];
  for (const [name, message] of Object.entries(err.fields || {})) {
    const wrap = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    const controls = wrap ? [...wrap.querySelectorAll('input, select, textarea')] : [];
    if (!controls.length) {
      items.push(h('li', {}, `${name}: ${message}`));
      continue;
    }
    const first = controls[0];
    const caption = wrap.dataset.summary || wrap.querySelector('legend, label').firstChild.textContent;
    markInvalid(wrap, controls, `${first.id}-error`, message);
    items.push(errorLink(first, `${caption}: ${message}`));
  }
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, errorText(err)),
    items.length > 0 && h('ul', {}, items),
  );
  form.prepend(summary);
  summary.focus();
}

// Runs an async submit once at a time; the form is aria-busy meanwhile.
export async function submitting(form, work) {
  if (form.dataset.busy) return undefined;
  form.dataset.busy = '1';
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    delete form.dataset.busy;
    form.removeAttribute('aria-busy');
  }
}
