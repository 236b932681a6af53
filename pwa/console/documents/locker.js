// The pickup terminal for staff: load a ready order (first person), confirm (second person),
// the compartments and whether the terminal refuses codes after wrong ones.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { alertBox, okBox, page, post, referenceFrom, select, when } from './common.js';

function refField(id) {
  const input = h('input', { id, name: 'reference', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true });
  return { input, wrap: h('div', { class: 'field' }, h('label', { for: id }, t('console.documents.reference')), input) };
}

function terminalCard(terminal, refresh, admin) {
  return h('section', { class: 'card terminal-card', 'aria-labelledby': `term-${terminal.id}` },
    h('h2', { id: `term-${terminal.id}` }, terminal.name),
    h('p', { class: 'muted' }, terminal.address),
    terminal.revoked && h('p', { class: 'notice notice-error' }, t('console.documents.locker.revoked')),
    terminal.previous_valid_until && h('p', { class: 'notice' }, t('console.documents.locker.overlap', { until: when(terminal.previous_valid_until) })),
    admin && terminal.has_credential && h('p', {}, h('button', { type: 'button', class: 'button button-small button-danger', onclick: async () => {
      await api.delete(`/api/admin/documents/terminals/${encodeURIComponent(terminal.id)}/credential`);
      await refresh();
    } }, t('console.documents.locker.revoke'))),
    terminal.locked_out && h('p', { class: 'notice notice-error' }, t('console.documents.locker.locked', { count: terminal.wrong_codes }), ' ',
      h('button', { type: 'button', class: 'button button-small', onclick: async () => {
        await api.delete(`/api/office/documents/terminals/${encodeURIComponent(terminal.id)}/lockout`);
        await refresh();
      } }, t('console.documents.locker.unlock'))),
    h('h3', {}, t('console.documents.locker.compartments')),
    h('ul', { class: 'compartments' }, terminal.compartments.map((c) => h('li', { class: c.reference ? 'taken' : 'free' },
      h('strong', {}, c.id), ` ${t(`console.documents.locker.size.${c.size}`)}`, h('br'),
      c.reference ? h('span', { class: 'code small' }, c.reference.slice(0, 9), '…') : t('console.documents.locker.free')))));
}

export default async function locker({ user }) {
  const admin = user.roles.includes('admin');
  const { terminals } = await api.get('/api/office/documents/terminals');
  const overview = h('div', {});
  const refresh = async () => {
    const next = await api.get('/api/office/documents/terminals');
    overview.replaceChildren(...next.terminals.map((x) => terminalCard(x, refresh, admin)));
  };
  overview.append(...terminals.map((x) => terminalCard(x, refresh, admin)));

  const loadOut = h('div', { 'aria-live': 'polite' });
  const loadRef = refField('load-ref');
  const terminal = select('load-terminal', t('console.documents.locker.terminal'), terminals.map((x) => ({ value: x.id, label: x.name })), terminals[0]?.id);
  const size = select('load-size', t('console.documents.locker.size'), ['small', 'large'].map((s) => ({ value: s, label: t(`console.documents.locker.size.${s}`) })), 'small');
  const load = h('form', { class: 'form', novalidate: true }, loadRef.wrap, terminal.wrap, size.wrap,
    h('button', { type: 'submit', class: 'button' }, t('console.documents.locker.load')), loadOut);
  load.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await post('/api/office/documents/locker/load', { reference: referenceFrom(loadRef.input.value), terminal: terminal.control.value, size: size.control.value });
      loadOut.replaceChildren(okBox(t('console.documents.locker.loaded', { compartment: answer.compartment })));
      await refresh();
    } catch (err) {
      loadOut.replaceChildren(alertBox(err));
    }
  });

  const confirmOut = h('div', { 'aria-live': 'polite' });
  const confirmRef = refField('confirm-ref');
  const confirm = h('form', { class: 'form', novalidate: true }, confirmRef.wrap,
    h('button', { type: 'submit', class: 'button' }, t('console.documents.action.confirm')), confirmOut);
  confirm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post('/api/office/documents/locker/confirm', { reference: referenceFrom(confirmRef.input.value) });
      confirmOut.replaceChildren(okBox(t('console.documents.locker.confirmed')));
    } catch (err) {
      confirmOut.replaceChildren(alertBox(err));
    }
  });
  return page('terminal', t('console.documents.locker.title'), t('console.documents.locker.lead'),
    h('div', { class: 'locker-forms' },
      h('section', { 'aria-labelledby': 'load-title' }, h('h2', { id: 'load-title' }, t('console.documents.locker.load')), load),
      h('section', { 'aria-labelledby': 'confirm-title' }, h('h2', { id: 'confirm-title' }, t('console.documents.action.confirm')), confirm)),
    overview);
}
