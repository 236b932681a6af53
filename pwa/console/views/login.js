// Sign-in form. The server sets HttpOnly cookies; this page never sees a token.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { field, showErrors, submitButton, submitting, values } from '../../js/forms.js';
import { t } from '../../js/i18n.js';

function failure(err) {
  if (err.code === 'invalid_credentials') return { message: t('login.failed') };
  if (err.code === 'account_disabled') return { message: t('login.disabled') };
  if (err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
    return { message: t('login.locked', { count: minutes }) };
  }
  return err;
}

export default function login({ session }) {
  const notice = session.takeNotice();
  const form = h('form', { class: 'form', novalidate: true },
    field({ name: 'username', label: t('login.username'), autocomplete: 'username',
      attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
    field({ name: 'password', label: t('login.password'), type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, submitButton(t('login.submit'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const body = values(form);
      const missing = {};
      if (!body.username.trim()) missing.username = t('form.required');
      if (!body.password) missing.password = t('form.required');
      if (Object.keys(missing).length) return showErrors(form, { message: t('form.check'), fields: missing });
      try {
        const answer = await api.post('/api/auth/login', { username: body.username.trim(), password: body.password });
        session.signedIn(answer.user, answer.change_ticket);
      } catch (err) {
        form.elements.password.value = '';
        showErrors(form, failure(err));
      }
      return undefined;
    });
  });
  return h('div', { class: 'view narrow' },
    h('h1', {}, t('login.title')),
    notice && h('p', { class: 'notice', role: 'status' }, t(notice)),
    h('p', {}, t('login.intro')),
    form,
  );
}
