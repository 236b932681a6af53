// Impressum, privacy policy and accessibility statement from the town data.
import { h, mailLink, telLink } from '../dom.js';
import { localized, t } from '../i18n.js';
import { richText } from '../richtext.js';
import { loadLegal } from '../town.js';

function feedback(town, legal) {
  const email = legal.feedback_email || town.contact.email;
  return h('section', { class: 'callout', 'aria-labelledby': 'legal-feedback' },
    h('h2', { id: 'legal-feedback' }, t('legal.feedback.title')),
    h('p', {}, t('legal.feedback.text')),
    h('dl', { class: 'facts' },
      email && [h('dt', {}, t('contact.email')), h('dd', {}, mailLink(email))],
      h('dt', {}, t('contact.phone')), h('dd', {}, telLink(town.contact.phone)),
    ),
  );
}

export default async function legalPage({ route, town }) {
  const legal = await loadLegal();
  const text = localized(legal[route.doc]);
  return h('div', { class: 'view' },
    h('article', { class: 'prose' },
      h('h1', {}, t(`legal.${route.doc}`)),
      text ? richText(text) : h('p', {}, t('legal.missing')),
      route.doc === 'accessibility' && feedback(town, legal),
    ),
  );
}
