// Stand-in for a service that is not online yet (or not offered by this town).
import { h, telLink } from '../dom.js';
import { t } from '../i18n.js';

export default function soon({ route, town }) {
  const offered = town.features?.[route.feature] !== false;
  return h('div', { class: 'view' },
    h('h1', {}, t(`feature.${route.feature}.title`)),
    h('p', { class: 'lead' }, offered ? t('soon.text') : t('soon.notOffered', { town: town.name })),
    h('p', {}, t('soon.phone')),
    h('p', {}, telLink(town.contact.phone, 'tel tel-large')),
    h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home'))),
  );
}
