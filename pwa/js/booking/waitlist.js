// "Tell me when a time frees up" without a booking: for the chosen services
// and office, with name, e-mail and consent. Offers come by e-mail.
import { api } from '../api.js';
import { h } from '../dom.js';
import { checkbox, field, showErrors, submitting, values } from '../forms.js';
import { lang, needs, t } from '../i18n.js';

await needs(['booking-more']);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function waitlistForm({ office, services }) {
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'form', novalidate: true },
    h('p', {}, t('booking.waitlist.openText')),
    field({ name: 'name', label: t('booking.name'), autocomplete: 'name', attrs: { maxlength: 100 } }),
    field({ name: 'email', label: t('booking.email'), type: 'email', autocomplete: 'email', attrs: { maxlength: 254 } }),
    checkbox({ name: 'consent', label: t('booking.consent') }),
    h('p', {}, h('button', { type: 'submit', class: 'button button-secondary' }, t('booking.waitlist.join'))),
    out);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const data = values(form);
      const fields = {};
      if (data.name.trim().length < 2) fields.name = t('booking.error.name');
      if (!EMAIL.test(data.email.trim())) fields.email = t('booking.error.email');
      if (!data.consent) fields.consent = t('booking.error.consent');
      if (Object.keys(fields).length) {
        showErrors(form, { message: t('form.check'), fields });
        return;
      }
      try {
        await api.post('/api/booking/waitlist', {
          office, services, name: data.name.trim(), email: data.email.trim(), consent: true, language: lang(),
        });
        const done = h('p', { class: 'notice notice-ok', tabindex: '-1' }, t('booking.waitlist.openDone'));
        form.replaceWith(done);
        done.focus();
      } catch (err) {
        showErrors(form, { ...err, message: err.message, code: err.code, fields: {} });
      }
    });
  });
  return h('details', { class: 'waitlist' },
    h('summary', {}, t('booking.waitlist.open')),
    form);
}
