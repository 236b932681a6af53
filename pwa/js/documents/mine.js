// /dokumente: the orders followed on this device and a form to look one up by its reference.
import { h } from '../dom.js';
import { localized, t } from '../i18n.js';
import { navigate } from '../router.js';
import { compact, followed, forget } from './device.js';

// 28 symbols of Crockford's base32 (O, I, L read as 0, 1, 1); the server checks the rest.
const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{28}$/;
const canonical = (text) => compact(text).replace(/O/g, '0').replace(/[IL]/g, '1');

function lookup() {
  const input = h('input', {
    id: 'doc-ref', name: 'reference', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    required: true, 'aria-describedby': 'doc-ref-hint', inputmode: 'text',
  });
  const error = h('p', { id: 'doc-ref-error', class: 'field-error', hidden: true }, t('documents.reference.invalid'));
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field', 'data-field': 'reference' },
      h('label', { for: 'doc-ref' }, t('documents.reference')),
      h('p', { id: 'doc-ref-hint', class: 'hint' }, t('documents.reference.hint')),
      error, input),
    h('button', { type: 'submit', class: 'button' }, t('documents.open')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ref = canonical(input.value);
    const ok = REFERENCE.test(ref);
    error.hidden = ok;
    input.toggleAttribute('aria-invalid', !ok);
    input.setAttribute('aria-describedby', ok ? 'doc-ref-hint' : 'doc-ref-hint doc-ref-error');
    if (!ok) {
      input.focus();
      return;
    }
    navigate(`/dokumente/${ref}`);
  });
  return form;
}

export default function mine() {
  const list = h('ul', { class: 'cards doc-mine' });
  const empty = h('p', { class: 'notice' }, t('documents.mine.empty'));

  function item(entry) {
    const id = `doc-${compact(entry.reference)}`;
    const li = h('li', { class: 'card' },
      h('h3', { id }, h('a', { href: `/dokumente/${compact(entry.reference)}` }, localized(entry.order.type.name))),
      h('p', {}, t('documents.mine.state', { state: t(`documents.state.${entry.order.state}`) })),
      h('p', { class: 'muted' }, h('span', { class: 'code ref' }, entry.reference)),
      h('p', {}, h('button', {
        type: 'button',
        class: 'button button-secondary button-small',
        'aria-describedby': id,
        onclick: () => {
          forget(entry.reference);
          li.remove();
          empty.hidden = list.children.length > 0;
          (list.querySelector('a') || document.querySelector('main h1')).focus();
        },
      }, t('documents.mine.forget'))));
    return li;
  }

  const entries = followed();
  list.append(...entries.map(item));
  empty.hidden = entries.length > 0;
  return h('div', { class: 'view documents' },
    h('h1', {}, t('documents.title')),
    h('p', { class: 'lead' }, t('documents.lead')),
    lookup(),
    h('h2', {}, t('documents.mine.title')),
    list, empty,
    h('p', { class: 'hint' }, t('documents.mine.privacy')));
}
