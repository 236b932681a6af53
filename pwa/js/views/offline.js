// Pages that need the network, opened without one: they say so, point to what works offline
// (the appointments kept on this device; survey answers wait on it until they can be sent) and
// offer to try again. Loaded only when it is needed.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function offlineView({ title = t('offline.title'), text = t('offline.text'), retry, extra = null }) {
  return h('div', { class: 'view' },
    h('h1', {}, title),
    h('p', { class: 'notice', role: 'status' }, text),
    h('p', {}, t('offline.works')),
    h('p', {}, h('a', { href: '/termin/meine' }, t('offline.mine'))),
    h('p', {}, h('button', { type: 'button', class: 'button', onclick: retry }, t('action.retry'))),
    extra);
}
