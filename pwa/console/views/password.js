// Change the own password (forced after the first sign-in with a start password).
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { field, showErrors, submitButton, submitting, values } from '../../js/forms.js';
import { t } from '../../js/i18n.js';

const MIN_LENGTH = 12;

export default function password({ route, session }) {
  // Right after signing in with a one-time password, the login's ticket proves it: not asked twice.
  const ticket = route.forced ? session.changeTicket?.() : null;
  const notice = session.takeNotice?.();
  const form = h('form', { class: 'form', novalidate: true },
    !ticket && field({ name: 'current_password', label: t('password.current'), type: 'password', autocomplete: 'current-password' }),
    field({ name: 'new_password', label: t('password.new'), type: 'password', autocomplete: 'new-password',
      hint: t('password.hint', { min: MIN_LENGTH }), attrs: { minlength: MIN_LENGTH } }),
    field({ name: 'new_password_repeat', label: t('password.repeat'), type: 'password', autocomplete: 'new-password' }),
    h('div', { class: 'actions' }, submitButton(t('password.submit'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const body = values(form);
      const fields = {};
      if (!ticket && !body.current_password) fields.current_password = t('form.required');
      if (body.new_password.length < MIN_LENGTH) fields.new_password = t('password.tooShort', { min: MIN_LENGTH });
      else if (body.new_password === body.current_password) fields.new_password = t('password.same');
      if (body.new_password_repeat !== body.new_password) fields.new_password_repeat = t('password.mismatch');
      if (Object.keys(fields).length) return showErrors(form, { message: t('form.check'), fields });
      try {
        const proof = ticket ? { change_ticket: ticket } : { current_password: body.current_password };
        await api.post('/api/auth/password', { ...proof, new_password: body.new_password });
        session.passwordChanged();
      } catch (err) {
        if (ticket && err.fields?.current_password) session.ticketRefused(); // too late: ask for the password after all
        else showErrors(form, err);
      }
      return undefined;
    });
  });
  return h('div', { class: 'view narrow' },
    h('h1', {}, t(route.forced ? 'password.forcedTitle' : 'password.title')),
    route.forced && h('p', { class: 'notice' }, t('password.forcedIntro')),
    notice && h('p', { class: 'notice', role: 'status' }, t(notice)),
    form,
  );
}
