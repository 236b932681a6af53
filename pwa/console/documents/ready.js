// Mark ready: one by one (scan the receipt's QR code or type the reference) or a delivery list
// (CSV): a preview of matches, unknown references and broken rows first, then send.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { localized, t } from '../../js/i18n.js';
import { alertBox, channelText, okBox, page, post, referenceFrom, stateLabel } from './common.js';

const ACTIONS = { applied: ['produce', 'ready'], in_production: ['ready'], ready: ['collect'] };
const LABEL = { produce: 'console.documents.ready.produce', ready: 'console.documents.ready.mark', collect: 'console.documents.ready.collect' };

function orderCard(order, out) {
  const actions = (ACTIONS[order.state] || []).map((action) => h('button', {
    type: 'button',
    class: action === 'ready' ? 'button' : 'button button-secondary',
    onclick: async () => {
      try {
        const answer = await post(`/api/office/documents/orders/${encodeURIComponent(order.reference)}/${action}`);
        out.replaceChildren(orderCard(answer.order, out),
          okBox(t('console.documents.ready.done', { channel: channelText(answer.order.notice.channel) })));
      } catch (err) {
        out.append(alertBox(err));
      }
    },
  }, t(LABEL[action])));
  return h('div', { class: 'card' },
    h('h3', {}, localized(order.type_name)),
    h('p', {}, h('span', { class: 'code' }, order.reference)),
    h('p', {}, `${t('console.documents.state')}: ${stateLabel(order.state)}`),
    h('p', { class: 'actions' }, actions));
}

function single() {
  const out = h('div', { 'aria-live': 'polite' });
  const input = h('input', { id: 'ready-ref', name: 'reference', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', required: true });
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'ready-ref' }, t('console.documents.reference')), input),
    h('button', { type: 'submit', class: 'button' }, t('console.documents.ready.find')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await api.get(`/api/office/documents/orders/${encodeURIComponent(referenceFrom(input.value))}`);
      out.replaceChildren(orderCard(answer.order, out));
    } catch (err) {
      out.replaceChildren(alertBox(err));
    }
  });
  return h('section', { 'aria-labelledby': 'ready-one' }, h('h2', { id: 'ready-one' }, t('console.documents.ready.one')), form, out);
}

function previewView(p, onApply) {
  const list = (items) => h('ul', {}, items.map((x) => h('li', {}, x)));
  return h('div', { class: 'csv-preview' },
    h('p', {}, t('console.documents.csv.matches', { count: p.matches.count, notices: p.matches.notices })),
    h('p', {}, t('console.documents.csv.other', { count: p.not_changeable.count })),
    h('p', {}, t('console.documents.csv.unknown', { count: p.unknown.count })),
    p.unknown.count > 0 && list(p.unknown.references.map((r) => h('span', { class: 'code' }, r))),
    h('p', {}, t('console.documents.csv.broken', { count: p.broken.count })),
    p.broken.count > 0 && list(p.broken.rows.map((row) => t('console.documents.csv.line', row))),
    p.matches.count > 0 && h('button', { type: 'button', class: 'button', onclick: onApply },
      t('console.documents.csv.apply', { count: p.matches.count })));
}

const POLL_MS = 5000;

// A list left over by the request: the notices job finishes it; its progress is asked for
// every few seconds while this page shows it. "Send the rest now" is there but not needed.
function progressView(key, again) {
  const status = h('p', { class: 'delivery-progress', role: 'status' });
  const box = h('div', { class: 'notice' }, status,
    h('p', {}, h('button', { type: 'button', class: 'button button-secondary', onclick: again }, t('console.documents.csv.continue'))));
  async function poll() {
    if (!box.isConnected && status.textContent) return;
    try {
      const p = await api.get(`/api/office/documents/deliveries/${encodeURIComponent(key)}`);
      const n = p.notices;
      status.textContent = t(p.done ? 'console.documents.csv.finished' : 'console.documents.csv.progress', {
        ready: p.ready, total: p.total, remaining: p.remaining, push: n.push, email: n.email, failed: n.failed,
      });
      if (p.done) {
        box.lastChild.remove();
        return;
      }
    } catch {
      // the next poll tries again
    }
    setTimeout(poll, POLL_MS);
  }
  poll();
  return box;
}

function delivery() {
  const out = h('div', { 'aria-live': 'polite' });
  const file = h('input', { id: 'csv-file', type: 'file', accept: '.csv,text/csv,text/plain', 'aria-describedby': 'csv-hint' });
  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'csv-file' }, t('console.documents.csv.file')),
      h('p', { id: 'csv-hint', class: 'hint' }, t('console.documents.csv.hint')), file),
    h('button', { type: 'submit', class: 'button button-secondary' }, t('console.documents.csv.preview')));
  async function apply(text, digest) {
    try {
      const done = await post('/api/office/documents/delivery/apply', { csv: text, digest });
      const n = done.notices;
      out.replaceChildren(okBox(t('console.documents.csv.applied', {
        count: done.ready, push: n.push, email: n.email, failed: n.failed, later: n.left_for_job,
      })), done.remaining > 0 && h('p', {}, t('console.documents.csv.remaining', { count: done.remaining })),
      done.remaining > 0 && progressView(done.delivery, () => apply(text, digest)));
    } catch (err) {
      out.replaceChildren(alertBox(err));
    }
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!file.files.length) return;
    const text = await file.files[0].text();
    try {
      const p = await post('/api/office/documents/delivery/preview', { csv: text });
      out.replaceChildren(previewView(p, () => apply(text, p.digest)));
    } catch (err) {
      out.replaceChildren(alertBox(err));
    }
  });
  return h('section', { 'aria-labelledby': 'ready-csv' }, h('h2', { id: 'ready-csv' }, t('console.documents.csv.title')), form, out);
}

export default function ready() {
  return page('fertig', t('console.documents.ready.title'), t('console.documents.ready.lead'), single(), delivery());
}
