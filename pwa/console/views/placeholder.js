// Sections that are not built yet say so plainly.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';

export default function placeholder({ route }) {
  return h('div', { class: 'view' },
    h('h1', {}, t(route.nav)),
    h('p', { class: 'lead' }, t(`${route.nav}.text`)),
    h('p', { class: 'notice' }, t('console.placeholder')),
  );
}
