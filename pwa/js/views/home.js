// Home: the town's services as tiles, plus the service number.
import { h, icon, telLink } from '../dom.js';
import { t } from '../i18n.js';

// feature: the town data flag for the service. Every tile is shown; a service that is not
// online yet leads to a page that says so, and its tile carries a "coming soon" badge.
const TILES = [
  { href: '/umfrage', feature: 'survey', icon: 'survey' },
  { href: '/termin', feature: 'booking', icon: 'calendar' },
  { href: '/wartemarke', feature: 'queue', icon: 'ticket' },
  { href: '/dokumente', feature: 'documents', icon: 'document' },
  { href: '/kontakt', key: 'contact', icon: 'phone' },
];

function tile({ href, feature, key, icon: name }, online) {
  const id = `feature.${feature ?? key}`;
  return h('li', {},
    h('a', { class: 'tile', href },
      icon(name, 'icon tile-icon'),
      h('span', { class: 'tile-title' }, t(`${id}.title`)),
      h('span', { class: 'tile-text' }, t(`${id}.text`)),
      online ? null : h('span', { class: 'tile-badge' }, t('home.soonBadge')),
    ),
  );
}

export default function home({ town }) {
  const features = town.features || {};
  return h('div', { class: 'view' },
    h('h1', {}, t('home.title')),
    h('p', { class: 'lead' }, t('home.lead', { town: town.name })),
    h('ul', { class: 'tiles' }, TILES.map((x) => tile(x, !x.feature || features[x.feature] !== false))),
    h('aside', { class: 'callout', 'aria-labelledby': 'home-phone' },
      h('h2', { id: 'home-phone' }, t('home.phone.title')),
      h('p', {}, t('home.phone.text')),
      h('p', {}, telLink(town.contact.phone, 'tel tel-large')),
    ),
  );
}
