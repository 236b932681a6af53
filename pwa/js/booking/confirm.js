// /termin/bestaetigen?token=…: the link in the e-mail confirms the booking.
import { api } from '../api.js';
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { tokenFor } from './device.js';
import { bookingFacts, invalidLink } from './summary.js';

await needs(['booking-more']);

const GONE = { confirm_too_late: 'booking.confirm.late', booking_gone: 'booking.confirm.gone' };

export default async function confirmBooking({ query }) {
  const token = query.get('token');
  let booking;
  try {
    if (!token) throw Object.assign(new Error('no token'), { status: 404 });
    ({ booking } = await api.post('/api/booking/confirm', { token }));
  } catch (err) {
    if (err.status === 410 || err.status === 404) {
      return invalidLink('booking.confirm.failTitle', GONE[err.code] || 'booking.link.invalidText');
    }
    throw err;
  }
  // The manage token never travels in the confirmation link; this device may know it.
  const manage = tokenFor(booking.code);
  return h('div', { class: 'view booking' },
    h('h1', {}, t('booking.confirm.title')),
    h('p', { class: 'notice notice-ok' }, t('booking.confirm.text')),
    bookingFacts(booking, manage, { manageLink: true }),
    !manage && h('p', {}, t('booking.confirm.manageHint')),
    h('p', { class: 'actions' },
      h('a', { href: '/termin/meine' }, t('booking.mine.link')),
      h('a', { href: '/' }, t('action.home'))));
}
