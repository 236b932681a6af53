// Town settings: name, contact, service numbers, offered services, legal texts.
// Offices, opening hours and the service catalogue stay in the town's data file.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { checkbox, field, showErrors, submitButton, submitting } from '../../js/forms.js';
import { LANGUAGES, localized, t } from '../../js/i18n.js';

const FEATURES = ['survey', 'booking', 'queue', 'documents'];
const LEGAL = ['impressum', 'privacy', 'accessibility'];
const CODES = Object.keys(LANGUAGES);

// Inputs are named by their path in the town document ("legal.privacy.en"),
// so saving writes them back and server field errors land next to them.
function read(doc, path) {
  return path.split('.').reduce((node, key) => node?.[key], doc);
}

function write(doc, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  let node = doc;
  keys.forEach((key, i) => {
    node[key] ??= /^\d+$/.test(keys[i + 1] ?? last) ? [] : {};
    node = node[key];
  });
  node[last] = value;
}

function group(legend, ...children) {
  return h('fieldset', { class: 'group' }, h('legend', {}, legend), children);
}

export default async function settings() {
  let { document: doc } = await api.get('/api/admin/town');
  const text = (name, label, options = {}) => field({ name, label, value: read(doc, name) ?? '', required: false, ...options });
  const inLang = (label, code) => `${label} (${LANGUAGES[code].name})`;
  const status = h('div', {});

  const routes = (doc.contact?.routes || []).map((route, i) => group(localized(route.label) || route.key,
    text(`contact.routes.${i}.phone`, t('contact.phone'), { type: 'tel' }),
    CODES.map((code) => text(`contact.routes.${i}.label.${code}`, inLang(t('settings.routeLabel'), code), { attrs: { lang: code } })),
    CODES.map((code) => text(`contact.routes.${i}.hours.${code}`, inLang(t('contact.hours'), code), { attrs: { lang: code } })),
  ));

  const form = h('form', { class: 'form form-wide', novalidate: true },
    group(t('settings.town'),
      text('town.name', t('settings.townName'), { required: true }),
      text('town.short_name', t('settings.shortName')),
      text('town.logo_text', t('settings.logoText'), { hint: t('settings.logoHint') })),
    group(t('settings.contact'),
      text('contact.phone', t('contact.phone'), { type: 'tel', required: true }),
      text('contact.email', t('contact.email'), { type: 'email' }),
      text('contact.address', t('contact.postal'), { rows: 3 })),
    routes.length > 0 && group(t('contact.phoneTitle'), routes),
    group(t('settings.features'),
      h('p', { class: 'hint' }, t('settings.featuresHint')),
      FEATURES.map((name) => checkbox({ name: `features.${name}`, label: t(`feature.${name}.title`), checked: Boolean(read(doc, `features.${name}`)) }))),
    group(t('settings.legal'),
      h('p', { class: 'hint' }, t('settings.legalHint')),
      text('legal.feedback_email', t('settings.feedbackEmail'), { type: 'email' }),
      LEGAL.map((page) => CODES.map((code) => text(`legal.${page}.${code}`, inLang(t(`legal.${page}`), code),
        { rows: 10, required: true, attrs: { lang: code } })))),
    h('div', { class: 'actions' }, submitButton(t('action.save'))),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const next = structuredClone(doc);
      for (const el of form.elements) {
        if (el.name) write(next, el.name, el.type === 'checkbox' ? el.checked : el.value);
      }
      try {
        ({ document: doc } = await api.put('/api/admin/town', { document: next }));
        form.querySelector(':scope > .error-summary')?.remove();
        const done = h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' }, t('settings.saved'));
        status.replaceChildren(done);
        done.focus();
      } catch (err) {
        status.replaceChildren();
        showErrors(form, err);
      }
    });
  });

  return h('div', { class: 'view' },
    h('h1', {}, t('console.nav.settings')),
    h('p', { class: 'lead' }, t('console.nav.settings.text')),
    h('p', {}, t('settings.elsewhere'), ' ', h('a', { href: '/console/buergerbueros' }, t('settings.elsewhereLink'))),
    status,
    form,
  );
}
