// Contact: the service number's routes and the offices.
import { h, mailLink, telLink } from '../dom.js';
import { localized, t } from '../i18n.js';

function route(r) {
  return h('li', { class: 'card' },
    h('h3', {}, localized(r.label)),
    h('p', {}, telLink(r.phone, 'tel tel-large')),
    h('p', { class: 'muted' }, h('span', { class: 'label' }, `${t('contact.hours')}: `), localized(r.hours)),
  );
}

// Town data separates opening-hour groups with " · "; one group per line reads better.
const lines = (text) => text.replace(/\s+·\s+/g, '\n');

function office(o) {
  return h('li', { class: 'card' },
    h('h3', {}, o.name),
    h('dl', { class: 'facts' },
      h('dt', {}, t('contact.address')), h('dd', { class: 'lines' }, o.address),
      h('dt', {}, t('contact.openingHours')), h('dd', { class: 'lines' }, lines(localized(o.hours_text))),
    ),
  );
}

export default function contact({ town }) {
  const c = town.contact;
  return h('div', { class: 'view' },
    h('h1', {}, t('feature.contact.title')),
    h('p', { class: 'lead' }, t('contact.lead', { town: town.name })),
    h('section', { 'aria-labelledby': 'contact-phone' },
      h('h2', { id: 'contact-phone' }, t('contact.phoneTitle')),
      h('p', {}, t('contact.phoneText')),
      h('ul', { class: 'cards' }, (c.routes || []).map(route)),
    ),
    h('section', { 'aria-labelledby': 'contact-general' },
      h('h2', { id: 'contact-general' }, t('contact.general')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('contact.phone')), h('dd', {}, telLink(c.phone)),
        c.email && [h('dt', {}, t('contact.email')), h('dd', {}, mailLink(c.email))],
        c.address && [h('dt', {}, t('contact.postal')), h('dd', { class: 'lines' }, c.address)],
      ),
    ),
    (town.offices || []).length > 0 && h('section', { 'aria-labelledby': 'contact-offices' },
      h('h2', { id: 'contact-offices' }, t('contact.offices')),
      h('ul', { class: 'cards' }, town.offices.map(office)),
    ),
  );
}
