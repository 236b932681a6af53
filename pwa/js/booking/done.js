// After booking: what was booked, and the request to confirm it by e-mail in time.
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { rememberPush } from '../push.js';
import { berlinDate, timeOf } from './common.js';
import { rememberBooking } from './device.js';
import { bookingFacts, manageHref } from './summary.js';

await needs(['booking-more']);

export function confirmNotice(booking, confirmMinutes) {
  return h('div', { class: 'notice notice-warn confirm-notice' },
    h('p', {}, h('strong', {}, t('booking.done.confirmTitle'))),
    h('p', {}, t('booking.done.confirmText', {
      email: booking.email, minutes: confirmMinutes, time: t('booking.clock', { time: timeOf(booking.confirm_by) }),
    })));
}

export default function done({ cat, answer }) {
  const { booking, manage_token: token } = answer;
  rememberBooking(booking, token);
  if (booking.push) rememberPush(token, berlinDate(new Date(booking.start)));
  // A reload shows this booking (the manage page), not an empty form to book again.
  history.replaceState(null, '', manageHref(token));
  const pending = booking.status === 'pending';
  return h('div', { class: 'view booking' },
    h('h1', {}, t(pending ? 'booking.done.title' : 'booking.done.titleConfirmed')),
    pending && confirmNotice(booking, cat.rules?.confirm_minutes || 30),
    bookingFacts(booking, token, { manageLink: true }),
    h('p', {}, t(booking.push ? 'booking.done.reminderPush' : 'booking.done.reminderEmail')),
    h('p', { class: 'actions' },
      h('a', { href: '/termin/meine' }, t('booking.mine.link')),
      h('a', { href: '/' }, t('action.home'))));
}
