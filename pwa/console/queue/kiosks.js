// Kiosks at the door: set up this device as one (it keeps the credential), or revoke one.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { errorText } from '../../js/shell.js';

export const KIOSK_KEY = 'queue.kiosk';

export function kioskSection(office) {
  const list = h('ul', { class: 'plain' });
  const output = h('div', { role: 'status' });
  const name = h('input', { id: 'cq-kiosk-name', type: 'text', maxlength: 60, value: t('queueDesk.kioskDefault') });

  async function load() {
    try {
      const { kiosks } = await api.get(`/api/office/queue/${office}/kiosks`);
      list.replaceChildren(...kiosks.map((k) => h('li', {}, `${k.name} `, h('button', {
        type: 'button',
        class: 'button button-small button-danger',
        'aria-label': t('queueDesk.revokeLabel', { name: k.name }),
        onclick: async () => {
          await api.delete(`/api/office/queue/${office}/kiosks/${k.id}`).catch(() => null);
          load();
        },
      }, t('queueDesk.revoke')))));
    } catch (err) {
      output.replaceChildren(h('p', { class: 'notice notice-error' }, errorText(err)));
    }
  }

  async function setUp() {
    try {
      const answer = await api.post(`/api/office/queue/${office}/kiosks`, { name: name.value.trim() || t('queueDesk.kioskDefault') });
      localStorage.setItem(KIOSK_KEY, JSON.stringify({ office, credential: answer.credential }));
      location.assign(`/console/queue/kiosk.html?office=${office}`);
    } catch (err) {
      output.replaceChildren(h('p', { class: 'notice notice-error' }, errorText(err)));
    }
  }

  load();
  return h('section', { class: 'card', 'aria-labelledby': 'cq-kiosks' },
    h('h2', { id: 'cq-kiosks' }, t('queueDesk.kiosksTitle')),
    h('p', { class: 'muted' }, t('queueDesk.kiosksLead')),
    list,
    h('div', { class: 'field' }, h('label', { for: 'cq-kiosk-name' }, t('queueDesk.kioskName')), name),
    h('p', {}, h('button', { type: 'button', class: 'button button-secondary', onclick: setUp }, t('queueDesk.kioskSetUp'))),
    output);
}
