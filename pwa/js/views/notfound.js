// Unknown address inside the app.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default function notFound() {
  return h('div', { class: 'view' },
    h('h1', {}, t('notFound.title')),
    h('p', { class: 'lead' }, t('notFound.text')),
    h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home'))),
  );
}
