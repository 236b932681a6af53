// Staff accounts: create (start password shown once), edit roles and name,
// lock, reset the password.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { errorText } from '../../js/shell.js';
import { checkbox, checkboxes, clearErrors, field, showErrors, submitButton, submitting, values } from '../../js/forms.js';
import { formatDateTime, t } from '../../js/i18n.js';
import { ROLES } from '../routes.js';

const roleOptions = () => ROLES.map((role) => ({ value: role, label: t(`role.${role}`), hint: t(`role.${role}.hint`) }));
// Repeated buttons name their account for screen readers; the visible label comes first.
const forUser = (text, user) => `${text}: ${user.display_name || user.username}`;

// The start password, shown exactly once, with a copy button.
function secretPanel(title, password) {
  const code = h('code', { class: 'secret' }, password);
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      status.textContent = t('secret.copied');
    } catch {
      getSelection().selectAllChildren(code);
      status.textContent = t('secret.copyFailed');
    }
  };
  return h('div', { class: 'notice notice-ok secret-panel', tabindex: '-1' },
    h('p', { class: 'secret-title' }, title),
    h('p', { class: 'secret-row' }, code,
      h('button', { type: 'button', class: 'button button-small button-secondary', onclick: copy }, t('secret.copy'))),
    status,
    h('p', { class: 'hint' }, t('secret.once')),
  );
}

function facts(user) {
  return h('dl', { class: 'facts' },
    h('dt', {}, t('users.username')), h('dd', {}, h('code', {}, user.username)),
    h('dt', {}, t('users.roles')), h('dd', {}, user.roles.map((role) => t(`role.${role}`)).join(', ') || '–'),
    h('dt', {}, t('users.status')), h('dd', {}, h('span', { class: user.disabled ? 'badge badge-off' : 'badge' },
      t(user.disabled ? 'users.disabled' : 'users.active'))),
    user.created_at && [h('dt', {}, t('users.created')), h('dd', {}, formatDateTime(user.created_at))],
  );
}

function userCard(initial) {
  let user = initial;
  const card = h('li', { class: 'card user-card' });

  function show(focusButton) {
    const edit = h('button', { type: 'button', class: 'button button-small button-secondary', onclick: editForm,
      'aria-label': forUser(t('users.edit'), user) }, t('users.edit'));
    const reset = h('button', { type: 'button', class: 'button button-small button-secondary', onclick: confirmReset,
      'aria-label': forUser(t('users.reset'), user) }, t('users.reset'));
    card.replaceChildren(
      h('h3', {}, user.display_name || user.username),
      facts(user),
      h('div', { class: 'actions' }, edit, reset),
    );
    if (focusButton === 'edit') edit.focus();
    if (focusButton === 'reset') reset.focus();
  }

  function editForm() {
    const form = h('form', { class: 'form', novalidate: true },
      field({ name: 'display_name', label: t('users.displayName'), value: user.display_name, autocomplete: 'off' }),
      checkboxes({ name: 'roles', legend: t('users.roles'), options: roleOptions(), checked: user.roles }),
      checkbox({ name: 'disabled', label: t('users.lock'), checked: user.disabled }),
      h('div', { class: 'actions' },
        submitButton(t('action.save')),
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => show('edit') }, t('action.cancel'))),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitting(form, async () => {
        const body = values(form);
        if (!body.roles.length) return showErrors(form, { message: t('form.check'), fields: { roles: t('users.rolesRequired') } });
        try {
          ({ user } = await api.patch(`/api/admin/users/${encodeURIComponent(user.username)}`, body));
          show('edit');
        } catch (err) {
          showErrors(form, err);
        }
        return undefined;
      });
    });
    card.replaceChildren(h('h3', {}, t('users.editTitle', { name: user.display_name || user.username })), form);
    form.elements.display_name.focus();
  }

  function confirmReset() {
    const area = h('div', { class: 'notice', role: 'alertdialog', 'aria-labelledby': `reset-${user.username}`, tabindex: '-1' },
      h('p', { id: `reset-${user.username}` }, t('users.resetConfirm', { name: user.display_name || user.username })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button button-danger', onclick: doReset }, t('users.resetYes')),
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => show('reset') }, t('action.cancel'))),
    );
    card.replaceChildren(h('h3', {}, user.display_name || user.username), facts(user), area);
    area.querySelector('button').focus();
  }

  async function doReset() {
    try {
      const { initial_password: password } = await api.post(`/api/admin/users/${encodeURIComponent(user.username)}/reset-password`);
      show();
      const panel = secretPanel(t('users.resetDone', { name: user.display_name || user.username }), password);
      card.append(panel);
      panel.focus();
    } catch (err) {
      show('reset');
      card.append(h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err)));
    }
  }

  show();
  return card;
}

export default async function users() {
  const list = h('ul', { class: 'cards user-list' });
  const result = h('div', {});

  async function reload() {
    const { users: all } = await api.get('/api/admin/users');
    all.sort((a, b) => a.username.localeCompare(b.username));
    list.replaceChildren(...all.map(userCard));
  }

  const form = h('form', { class: 'form', novalidate: true },
    field({ name: 'username', label: t('users.username'), hint: t('users.usernameHint'), autocomplete: 'off',
      attrs: { autocapitalize: 'none', spellcheck: 'false' } }),
    field({ name: 'display_name', label: t('users.displayName'), autocomplete: 'off' }),
    checkboxes({ name: 'roles', legend: t('users.roles'), options: roleOptions() }),
    h('div', { class: 'actions' }, submitButton(t('users.create'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const body = values(form);
      body.username = body.username.trim();
      const fields = {};
      if (!body.username) fields.username = t('form.required');
      if (!body.display_name.trim()) fields.display_name = t('form.required');
      if (!body.roles.length) fields.roles = t('users.rolesRequired');
      if (Object.keys(fields).length) return showErrors(form, { message: t('form.check'), fields });
      try {
        const created = await api.post('/api/admin/users', body, { idempotencyKey: crypto.randomUUID?.() });
        form.reset();
        clearErrors(form);
        const panel = secretPanel(t('users.created.title', { name: created.user.display_name, username: created.user.username }),
          created.initial_password);
        result.replaceChildren(panel);
        panel.focus();
        await reload();
      } catch (err) {
        showErrors(form, err);
      }
      return undefined;
    });
  });

  await reload();
  return h('div', { class: 'view' },
    h('h1', {}, t('console.nav.users')),
    h('section', { 'aria-labelledby': 'users-new' },
      h('h2', { id: 'users-new' }, t('users.new')),
      h('p', {}, t('users.newText')),
      form,
      result,
    ),
    h('section', { 'aria-labelledby': 'users-all' },
      h('h2', { id: 'users-all' }, t('users.all')),
      list,
    ),
  );
}
