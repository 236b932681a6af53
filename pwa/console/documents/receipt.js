// The printable receipt: reference, QR code for the app, what happens next, how long data is kept.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { localized, t } from '../../js/i18n.js';
import { compactRef, page } from './common.js';

export default async function receipt({ params }) {
  const answer = await api.get(`/api/office/documents/orders/${encodeURIComponent(params.ref)}`);
  const { order } = answer;
  const print = h('button', { type: 'button', class: 'button no-print', onclick: () => window.print() }, t('console.documents.receipt.print'));
  return page('', t('console.documents.receipt.title'), null,
    h('article', { class: 'receipt' },
      h('h2', {}, localized(order.type_name)),
      h('p', {}, t('console.documents.reference'), h('br'), h('strong', { class: 'receipt-ref' }, order.reference)),
      h('img', { class: 'receipt-qr', src: `/api/documents/orders/${compactRef(order.reference)}/qr`, width: 200, height: 200, alt: t('console.documents.receipt.qr') }),
      h('p', { class: 'receipt-url' }, answer.url),
      h('h3', {}, t('console.documents.receipt.next')),
      h('ol', {},
        h('li', {}, t('console.documents.receipt.step1')),
        h('li', {}, t('console.documents.receipt.step2')),
        h('li', {}, t('console.documents.receipt.step3'))),
      order.pickup === 'locker' && h('p', {}, t('console.documents.receipt.locker', { days: answer.code_days })),
      h('p', {}, t('console.documents.receipt.uncollected', { days: answer.uncollected_days })),
      h('p', { class: 'hint' }, t('console.documents.receipt.keep', answer.keep_days))),
    print);
}
