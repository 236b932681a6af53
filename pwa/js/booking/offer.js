// /termin/angebot?token=…: an earlier time offered from the waiting list;
// the first to take it gets it.
import { api } from '../api.js';
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { errorText } from '../shell.js';
import { catalogue, officeOf, when } from './common.js';
import { rememberBooking, tokenFor } from './device.js';
import { bookingFacts, invalidLink } from './summary.js';

await needs(['booking-more']);

// The offer is a signed token; its readable part says which time it is for.
function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part + '='.repeat((4 - (part.length % 4)) % 4)));
  } catch {
    return null;
  }
}

export default async function offer({ query }) {
  const token = query.get('token') || '';
  const about = claims(token);
  if (!about?.s) return invalidLink('booking.offer.failTitle', 'booking.link.invalidText');
  if (about.exp && about.exp * 1000 < Date.now()) return invalidLink('booking.offer.failTitle', 'booking.offer.expired');
  const cat = await catalogue();
  const office = officeOf(cat, about.o);
  const out = h('div', { 'aria-live': 'polite' });
  const take = h('button', { type: 'button', class: 'button' }, t('booking.offer.take'));
  take.addEventListener('click', async () => {
    take.disabled = true;
    try {
      const answer = await api.post('/api/booking/waitlist/claim', { offer: token });
      const { booking } = answer;
      const manage = answer.manage_token || tokenFor(booking.code);
      if (manage) rememberBooking(booking, manage);
      take.remove();
      out.replaceChildren(h('p', { class: 'notice notice-ok', tabindex: '-1' }, t('booking.offer.done')),
        bookingFacts(booking, manage, { manageLink: Boolean(manage) }));
      out.firstChild.focus();
    } catch (err) {
      take.disabled = false;
      const key = { offer_taken: 'booking.offer.taken', offer_expired: 'booking.offer.expired', conflict: 'booking.offer.taken' }[err.code];
      out.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, key ? t(key) : errorText(err)));
    }
  });
  return h('div', { class: 'view booking' },
    h('h1', {}, t('booking.offer.title')),
    h('p', { class: 'lead' }, t('booking.offer.text', { when: when(about.s), office: office?.name || about.o })),
    h('p', {}, t(about.c ? 'booking.offer.first' : 'booking.offer.firstNew')),
    take, out,
    h('p', {}, h('a', { href: '/termin/meine' }, t('booking.mine.link'))));
}
