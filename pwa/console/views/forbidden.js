// A section the user's roles do not include.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';

export default function forbidden() {
  return h('div', { class: 'view' },
    h('h1', {}, t('console.forbidden.title')),
    h('p', { class: 'lead' }, t('console.forbidden.text')),
    h('p', {}, h('a', { class: 'back', href: '/console/' }, t('console.toOverview'))),
  );
}
