// Step 3: the day, from an accessible month calendar. One availability
// request per month; the picker is reused for moving a booking.
import { api } from '../api.js';
import { addDays, addMonths, monthCalendar } from '../calendar.js';
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { errorText } from '../shell.js';
import { berlinDate, dateText, officeOf, serviceOf, step, stepActions } from './common.js';
import { waitlistForm } from './waitlist.js';

await needs(['booking-more']);

// The API names closed days in English; holidays keep their (German) name.
function reasonText(reason) {
  const holiday = /^public holiday \((.+)\)$/.exec(reason);
  if (holiday) return t('booking.day.holiday', { name: holiday[1] });
  if (/^no opening hours/.test(reason)) return t('booking.day.noHours');
  return t('booking.day.closure', { reason });
}

export function dayPicker({ cat, office, services, selected, onPick }) {
  const today = berlinDate();
  const lastDay = addDays(today, Math.min(...services.map((id) => serviceOf(cat, id)?.horizon_days ?? 30)));
  const firstMonth = today.slice(0, 7);
  const lastMonth = lastDay.slice(0, 7);
  const query = `office=${encodeURIComponent(office)}&services=${encodeURIComponent(services.join(','))}`;
  const months = new Map();
  const wrap = h('div', { class: 'cal-wrap', 'aria-busy': 'true' });

  function load(month) {
    if (!months.has(month)) {
      months.set(month, api.get(`/api/booking/availability?${query}&month=${month}`)
        .then((answer) => new Map(answer.days.map((d) => [d.date, d])))
        .catch((err) => {
          months.delete(month);
          throw err;
        }));
    }
    return months.get(month);
  }

  const about = (days) => (day) => {
    const d = days.get(day);
    const date = dateText(day);
    if (d?.free > 0) {
      return { enabled: true, kind: 'free', note: String(d.free), label: t('booking.day.free', { date, count: d.free }) };
    }
    let why = t('booking.day.full');
    if (d?.closed) why = reasonText(d.closed);
    else if (day < today) why = t('booking.day.past');
    else if (day > lastDay) why = t('booking.day.later');
    return { enabled: false, kind: d?.closed || day < today ? 'closed' : 'full', label: t('booking.day.not', { date, why }) };
  };

  const legend = h('ul', { class: 'cal-legend' },
    h('li', {}, h('span', { class: 'swatch cal-free', 'aria-hidden': 'true' }), t('booking.cal.free')),
    h('li', {}, h('span', { class: 'swatch cal-full', 'aria-hidden': 'true' }), t('booking.cal.full')),
    h('li', {}, h('span', { class: 'swatch cal-closed', 'aria-hidden': 'true' }), t('booking.cal.closed')));

  // focus: a day to put the keyboard focus on, or 'prev'/'next' for the month buttons.
  async function render(month, focus, first = false) {
    wrap.setAttribute('aria-busy', 'true');
    let days;
    try {
      days = await load(month);
    } catch (err) {
      wrap.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err)),
        h('button', { type: 'button', class: 'button', onclick: () => render(month, focus, first) }, t('action.retry')));
      wrap.removeAttribute('aria-busy');
      return;
    }
    const free = [...days.values()].some((d) => d.free > 0);
    if (first && !free && month < lastMonth) {
      render(addMonths(month, 1), focus);
      return;
    }
    const cal = monthCalendar({
      month,
      info: about(days),
      selected,
      today,
      focus,
      labels: { prev: t('booking.cal.prev'), next: t('booking.cal.next') },
      canPrev: month > firstMonth,
      canNext: month < lastMonth,
      onPick,
      onLeave: (day) => {
        const other = day.slice(0, 7);
        if (other >= firstMonth && other <= lastMonth) render(other, day);
      },
      onMonth: (n) => render(addMonths(month, n), n < 0 ? 'prev' : 'next'),
    });
    wrap.replaceChildren(cal, free ? '' : h('p', { class: 'notice' }, t('booking.day.noneInMonth')), legend);
    wrap.removeAttribute('aria-busy');
    if (focus === 'prev' || focus === 'next') {
      const button = cal.querySelectorAll('.cal-nav')[focus === 'prev' ? 0 : 1];
      if (button.disabled) cal.focusDay(null);
      else button.focus();
    } else if (focus) cal.focusDay(focus);
  }

  render(selected ? selected.slice(0, 7) : firstMonth, null, !selected);
  return wrap;
}

export default function dayStep(ctx) {
  const { cat, state } = ctx;
  const picker = dayPicker({
    cat,
    office: state.office,
    services: state.services,
    selected: state.day,
    onPick: (day) => {
      if (day !== state.day) state.start = null;
      state.day = day;
      ctx.next();
    },
  });
  return step(ctx, t('booking.step.day.title'),
    h('p', { class: 'hint' }, t('booking.day.hint', { office: officeOf(cat, state.office)?.name })),
    picker,
    waitlistForm({ office: state.office, services: state.services }),
    stepActions(ctx, null));
}
