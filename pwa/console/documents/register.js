// Register an order when the citizen applies; then the printable receipt.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { field, showErrors, submitting, values } from '../../js/forms.js';
import { navigate } from '../../js/router.js';
import { catalogue, compactRef, officeOptions, page, select, typeOptions } from './common.js';

function pickupChoices() {
  return h('fieldset', { class: 'field', 'data-field': 'pickup' },
    h('legend', {}, t('console.documents.pickup')),
    ['counter', 'appointment', 'locker'].map((way, i) => h('div', { class: 'check' },
      h('input', { type: 'radio', id: `pickup-${way}`, name: 'pickup', value: way, checked: i === 0 }),
      h('label', { for: `pickup-${way}` }, t(`console.documents.pickup.${way}`)))));
}

function consent(name, label) {
  return h('div', { class: 'field check', 'data-field': name, 'data-summary': label },
    h('input', { type: 'checkbox', id: name, name }), h('label', { for: name }, label));
}

export default async function register() {
  const cat = await catalogue();
  const type = select('type', t('console.documents.type'), typeOptions(cat), cat.types[0]?.id);
  const office = select('office', t('console.documents.office'), officeOptions(cat), cat.offices[0]?.id);
  const language = select('language', t('console.documents.language'),
    [{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }], 'de');
  const lockerConsent = consent('locker_consent', t('console.documents.lockerConsent'));
  const biometric = consent('biometric_consent', t('console.documents.biometricConsent'));
  const form = h('form', { class: 'form', novalidate: true },
    type.wrap, office.wrap,
    field({ name: 'email', type: 'email', label: t('console.documents.email'), hint: t('console.documents.email.hint'), required: false, autocomplete: 'off' }),
    language.wrap, pickupChoices(), lockerConsent, biometric,
    h('button', { type: 'submit', class: 'button' }, t('console.documents.register.submit')));
  const lockerOnly = () => {
    const locker = form.elements.pickup.value === 'locker';
    for (const wrap of [lockerConsent, biometric]) wrap.hidden = !locker;
  };
  form.addEventListener('change', lockerOnly);
  lockerOnly();
  // One key per filled-in form: a retry after a lost answer gets the same order.
  let key = crypto.randomUUID();
  form.addEventListener('input', () => { key = crypto.randomUUID(); });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const data = values(form);
      const locker = data.pickup === 'locker';
      const body = {
        type: data.type, office: data.office, language: data.language, pickup: data.pickup,
        email: data.email || null, locker_consent: locker && data.locker_consent, biometric_consent: locker && data.biometric_consent,
      };
      try {
        const answer = await api.post('/api/office/documents/orders', body, { idempotencyKey: key });
        navigate(`/console/dokumente/beleg/${compactRef(answer.order.reference)}`);
      } catch (err) {
        showErrors(form, err);
      }
    });
  });
  return page('', t('console.documents.register.title'), t('console.documents.register.lead'), form);
}
