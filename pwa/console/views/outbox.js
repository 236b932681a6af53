// Local development: the mails the embedded mail server accepted.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { formatDateTime, t } from '../../js/i18n.js';

// When the mail left, as a <time> element (nothing for mails without a date).
function sentAt(message, { label = false } = {}) {
  if (!message.sent_at) return null;
  const when = formatDateTime(message.sent_at, { dateStyle: 'medium', timeStyle: 'medium' });
  return h('span', { class: 'muted' }, label && `${t('outbox.sentAt')}: `, h('time', { datetime: message.sent_at }, when));
}

// Links in a mail become clickable (same tab for this app's own pages), the rest stays text.
function linked(text) {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, i) => {
    if (i % 2 === 0) return part;
    const own = part.startsWith(location.origin);
    return h('a', own ? { href: part } : { href: part, rel: 'noopener noreferrer' }, part);
  });
}

function attachment(file) {
  const blob = new Blob([file.content || ''], { type: file.content_type || 'application/octet-stream' });
  return h('li', { class: 'card' },
    h('p', {}, h('span', { class: 'label' }, file.filename || t('outbox.unnamed')), ' ', h('span', { class: 'muted' }, `(${file.content_type})`)),
    file.content
      ? [h('details', {}, h('summary', {}, t('outbox.showAttachment')), h('pre', { class: 'output' }, file.content)),
        h('p', {}, h('a', { href: URL.createObjectURL(blob), download: file.filename || 'attachment' }, t('outbox.download')))]
      : h('p', { class: 'muted' }, t('outbox.binary')),
  );
}

// The HTML part as a file to open in the browser (the console's own policy would block its inline
// styles if it were shown in place), and its source for a quick look.
function htmlPart(message) {
  if (!message.html) return null;
  const blob = new Blob([message.html], { type: 'text/html' });
  return h('section', { 'aria-labelledby': 'outbox-html' },
    h('h2', { id: 'outbox-html' }, t('outbox.html')),
    h('p', {}, h('a', { href: URL.createObjectURL(blob), download: `mail-${message.id}.html` }, t('outbox.htmlDownload'))),
    h('details', {}, h('summary', {}, t('outbox.htmlSource')), h('pre', { class: 'output' }, message.html)));
}

function detail(message) {
  if (!message) {
    return h('div', { class: 'view' },
      h('h1', {}, t('outbox.notFound')),
      h('p', {}, h('a', { class: 'back', href: '/console/postausgang' }, t('outbox.back'))));
  }
  return h('div', { class: 'view' },
    h('p', {}, h('a', { class: 'back', href: '/console/postausgang' }, t('outbox.back'))),
    h('h1', {}, message.subject || t('outbox.noSubject')),
    h('dl', { class: 'facts' }, h('dt', {}, t('outbox.to')), h('dd', {}, message.to),
      message.sent_at && [h('dt', {}, t('outbox.sentAt')), h('dd', {}, sentAt(message))]),
    h('h2', {}, t('outbox.textPart')),
    h('pre', { class: 'mail-text' }, linked(message.text)),
    htmlPart(message),
    message.attachments?.length > 0 && h('section', { 'aria-labelledby': 'outbox-files' },
      h('h2', { id: 'outbox-files' }, t('outbox.attachments')),
      h('ul', { class: 'cards' }, message.attachments.map(attachment))),
  );
}

async function load() {
  try {
    return await api.get('/api/admin/outbox');
  } catch (err) {
    if (err.status === 404) return { available: false, messages: [] }; // not a local stack
    throw err;
  }
}

export default async function outbox({ params }) {
  const { available, messages = [] } = await load();
  if (params.id) return detail(messages.find((m) => String(m.id) === params.id));
  let body;
  if (!available) body = h('p', { class: 'notice' }, t('outbox.unavailable'));
  else if (!messages.length) body = h('p', {}, t('outbox.empty'));
  else {
    body = h('ul', { class: 'mail-list' }, messages.map((m) => h('li', {},
      h('a', { href: `/console/postausgang/${encodeURIComponent(m.id)}` }, m.subject || t('outbox.noSubject')),
      h('span', { class: 'muted' }, `${t('outbox.to')}: ${m.to}`),
      sentAt(m, { label: true }),
      m.attachments?.length > 0 && h('span', { class: 'muted' }, t('outbox.attachmentCount', { count: m.attachments.length })),
    )));
  }
  return h('div', { class: 'view' },
    h('h1', {}, t('console.nav.outbox')),
    h('p', { class: 'lead' }, t('console.nav.outbox.text')),
    body,
  );
}
