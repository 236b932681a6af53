// A booking as the citizen sees it after booking, confirming or from the
// manage link: code, check-in QR code, time, place, services, checklist, .ics.
import { h } from '../dom.js';
import { localized, needs, t } from '../i18n.js';
import { checklist, minutes, timeOf, when } from './common.js';

await needs(['booking-more']);

const tokenQuery = (token) => `token=${encodeURIComponent(token)}`;
export const manageHref = (token) => `/termin/verwalten?${tokenQuery(token)}`;

// token: the manage token (QR code and calendar file need it); null when unknown.
export function bookingFacts(booking, token, { manageLink = false } = {}) {
  const sum = booking.services.reduce((acc, s) => acc + (s.duration_minutes || 0), 0);
  return h('div', { class: 'booking-facts' },
    h('div', { class: 'ticket' },
      h('p', { class: 'ticket-code' },
        h('span', { class: 'label' }, t('booking.code')), ' ', h('strong', { class: 'code' }, booking.code)),
      token && h('img', {
        class: 'qr',
        src: `/api/booking/qr?${tokenQuery(token)}`,
        alt: t('booking.qr.alt', { code: booking.code }),
        width: 176,
        height: 176,
      }),
      token && h('p', { class: 'hint' }, t('booking.qr.hint'))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('booking.summary.when')),
      h('dd', { class: 'when' }, when(booking.start), ' – ', t('booking.clock', { time: timeOf(booking.end) })),
      h('dt', {}, t('booking.summary.office')),
      h('dd', {}, booking.office.name, h('br', {}), booking.office.address),
      h('dt', {}, t('booking.summary.services')),
      h('dd', {}, booking.services.map((s) => localized(s.name)).join(', '), sum ? ` (${minutes(sum)})` : ''),
      booking.order_reference && h('dt', {}, t('booking.order')),
      booking.order_reference && h('dd', { class: 'order-reference' }, booking.order_reference)),
    token && h('ul', { class: 'links' },
      h('li', {}, h('a', { href: `/api/booking/ics?${tokenQuery(token)}`, download: `termin-${booking.code}.ics` },
        t('booking.ics'))),
      manageLink && h('li', {}, h('a', { href: manageHref(token) }, t('booking.manage.link')))),
    checklist(localized(booking.checklist) || []));
}

// A link that leads nowhere (any more): say so, and offer to book again.
export function invalidLink(titleKey, textKey) {
  return h('div', { class: 'view booking' },
    h('h1', {}, t(titleKey)),
    h('p', { class: 'lead' }, t(textKey)),
    h('p', { class: 'actions' },
      h('a', { class: 'button', href: '/termin' }, t('booking.again')),
      h('a', { href: '/termin/meine' }, t('booking.mine.link'))));
}
