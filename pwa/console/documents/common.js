// Shared parts of the document pages: section navigation, the catalogue, states, small controls.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { locale, localized, t } from '../../js/i18n.js';
import { errorText } from '../../js/shell.js';

export const TABS = [
  { slug: '', label: 'console.documents.tab.register' },
  { slug: 'fertig', label: 'console.documents.tab.ready' },
  { slug: 'listen', label: 'console.documents.tab.lists' },
  { slug: 'terminal', label: 'console.documents.tab.locker' },
  { slug: 'simulation', label: 'console.documents.tab.terminal' },
];

export const tabHref = (slug) => (slug ? `/console/dokumente/${slug}` : '/console/dokumente');

export function page(slug, title, lead, ...content) {
  return h('div', { class: 'view documents-view' },
    h('nav', { class: 'doc-tabs', 'aria-label': t('console.documents.tabsLabel') },
      h('ul', {}, TABS.map((tab) => h('li', {},
        h('a', { href: tabHref(tab.slug), 'aria-current': tab.slug === slug ? 'page' : null }, t(tab.label)))))),
    h('h1', {}, title),
    lead && h('p', { class: 'lead' }, lead),
    ...content);
}

let pending = null;
export function catalogue() {
  pending ??= api.get('/api/documents/catalogue').catch((err) => {
    pending = null;
    throw err;
  });
  return pending;
}

export const stateLabel = (state) => t(`console.documents.state.${state}`);
export const compactRef = (ref) => String(ref).replace(/[^0-9A-Za-z]/g, '').toUpperCase();

export function when(iso) {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(iso));
}

export function select(id, label, options, value) {
  const control = h('select', { id, name: id },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
  return { control, wrap: h('div', { class: 'field', 'data-field': id }, h('label', { for: id }, label), control) };
}

export const typeOptions = (cat) => cat.types.map((type) => ({ value: type.id, label: localized(type.name) }));
export const officeOptions = (cat) => cat.offices.map((o) => ({ value: o.id, label: o.name }));

export function alertBox(err) {
  return h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err));
}

export function okBox(text) {
  return h('p', { class: 'notice notice-ok', role: 'status' }, text);
}

// Any typed or scanned reference: a link from the receipt's QR code or the number itself.
export function referenceFrom(value) {
  const text = String(value || '').trim();
  try {
    const url = new URL(text);
    return compactRef(url.pathname.split('/').pop());
  } catch {
    return compactRef(text);
  }
}

export function channelText(channel) {
  if (!channel || channel === 'none') return t('console.documents.channel.none');
  return channel.split('+').map((c) => t(`console.documents.channel.${c}`)).join(', ');
}

export const post = (path, body) => api.post(path, body);
