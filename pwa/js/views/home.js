// Home: the town's services as tiles, plus the service number.
import { h, icon, telLink } from '../dom.js';
import { t } from '../i18n.js';

// feature: the town data flag that switches the tile on (none = always shown).
const TILES = [
  { href: '/umfrage', feature: 'survey', icon: 'survey' },
  { href: '/termin', feature: 'booking', icon: 'calendar' },
  { href: '/wartemarke', feature: 'queue', icon: 'ticket' },
  { href: '/dokumente', feature: 'documents', icon: 'document' },
  { href: '/kontakt', key: 'contact', icon: 'phone' },
];

function tile({ href, feature, key, icon: name }) {
  const id = `feature.${feature ?? key}`;
  return h('li', {},
    h('a', { class: 'tile', href },
      icon(name, 'icon tile-icon'),
      h('span', { class: 'tile-title' }, t(`${id}.title`)),
      h('span', { class: 'tile-text' }, t(`${id}.text`)),
    ),
  );
}

export default function home({ town }) {
  const features = town.features || {};
  return h('div', { class: 'view' },
    h('h1', {}, t('home.title')),
    h('p', { class: 'lead' }, t('home.lead', { town: town.name })),
    h('ul', { class: 'tiles' }, TILES.filter((x) => !x.feature || features[x.feature]).map(tile)),
    h('aside', { class: 'callout', 'aria-labelledby': 'home-phone' },
      h('h2', { id: 'home-phone' }, t('home.phone.title')),
      h('p', {}, t('home.phone.text')),
      h('p', {}, telLink(town.contact.phone, 'tel tel-large')),
    ),
  );
}
