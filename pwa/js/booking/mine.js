// /termin/meine: appointments booked on this device, each leading to its manage page.
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { when } from './common.js';
import { forgetBooking, myBookings } from './device.js';
import { manageHref } from './summary.js';

await needs(['booking-more']);

export default function mine() {
  const list = h('ul', { class: 'cards mine' });
  const empty = h('p', { class: 'notice', hidden: true }, t('booking.mine.empty'));

  function item(entry) {
    const id = `mine-${entry.code}`;
    const li = h('li', { class: 'card' },
      h('h2', { id }, h('a', { href: manageHref(entry.token) }, when(entry.date))),
      h('p', {}, entry.office),
      h('p', { class: 'muted' }, t('booking.code'), ' ', h('strong', { class: 'code' }, entry.code)),
      h('p', {}, h('button', {
        type: 'button',
        class: 'button button-secondary button-small',
        'aria-describedby': id,
        onclick: () => {
          forgetBooking(entry.code);
          li.remove();
          empty.hidden = list.children.length > 0;
          (list.querySelector('a') || document.querySelector('main h1')).focus();
        },
      }, t('booking.mine.forget'))));
    return li;
  }

  const entries = myBookings();
  list.append(...entries.map(item));
  empty.hidden = entries.length > 0;
  return h('div', { class: 'view booking' },
    h('h1', {}, t('booking.mine.title')),
    h('p', { class: 'lead' }, t('booking.mine.lead')),
    list, empty,
    h('p', { class: 'hint' }, t('booking.mine.privacy')),
    h('p', {}, h('a', { class: 'button', href: '/termin' }, t('booking.mine.book'))));
}
