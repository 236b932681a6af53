// Unknown console address.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';

export default function notFound() {
  return h('div', { class: 'view' },
    h('h1', {}, t('notFound.title')),
    h('p', { class: 'lead' }, t('notFound.text')),
    h('p', {}, h('a', { class: 'back', href: '/console/' }, t('console.toOverview'))),
  );
}
