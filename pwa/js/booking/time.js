// Step 4: the free start times of the chosen day as radio buttons, grouped
// into morning and afternoon. The choices are reused for moving a booking.
import { api } from '../api.js';
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { errorText } from '../shell.js';
import { ZONE, dateText, fill, groupError, step, stepActions, timeOf } from './common.js';

await needs(['booking-more']);

const hourOf = (iso) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' })
  .format(new Date(iso)));

// A fieldset with the free times of one day; loads them itself. onReady(slots)
// is called once they are on screen (an empty list when none are free).
export function timeChoices({ office, services, day, selected, name = 'start', onReady }) {
  const group = h('fieldset', { class: 'field times', id: `${name}-field`, 'aria-busy': 'true' },
    h('legend', {}, t('booking.time.legend', { date: dateText(day) })),
    h('p', { class: 'hint' }, t('booking.loading')));
  const query = `office=${encodeURIComponent(office)}&services=${encodeURIComponent(services.join(','))}&date=${day}`;

  function choice(slot) {
    const id = `${name}-${slot.start.slice(11, 16).replace(':', '')}`;
    return h('li', {},
      h('input', { type: 'radio', class: 'slot-input', id, name, value: slot.start, checked: slot.start === selected }),
      h('label', { for: id, class: 'slot' }, timeOf(slot.start),
        h('span', { class: 'sr-only' }, t('booking.time.until', { end: timeOf(slot.end) }))));
  }

  function part(key, slots) {
    return slots.length > 0 && h('fieldset', { class: 'times-part' },
      h('legend', {}, t(`booking.time.${key}`)),
      h('ul', { class: 'slots' }, slots.map(choice)));
  }

  async function load() {
    let slots;
    try {
      ({ slots } = await api.get(`/api/booking/slots?${query}`));
    } catch (err) {
      group.replaceChildren(group.firstChild,
        h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err)),
        h('button', { type: 'button', class: 'button', onclick: load }, t('action.retry')));
      return;
    }
    fill(group, group.firstChild,
      slots.length ? part('morning', slots.filter((s) => hourOf(s.start) < 12)) : h('p', { class: 'notice' }, t('booking.time.none')),
      slots.length > 0 && part('afternoon', slots.filter((s) => hourOf(s.start) >= 12)));
    group.removeAttribute('aria-busy');
    onReady?.(slots);
  }
  load();
  return group;
}

export const chosenTime = (root, name = 'start') => root.querySelector(`input[name="${name}"]:checked`)?.value || null;

export default function timeStep(ctx) {
  const { state } = ctx;
  const group = timeChoices({ office: state.office, services: state.services, day: state.day, selected: state.start });
  const form = h('form', { class: 'form form-wide', novalidate: true }, group, stepActions(ctx));
  form.addEventListener('change', () => {
    groupError(group, null);
    import('./details.js'); // warm up the next step
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const start = chosenTime(form);
    if (!start) {
      groupError(group, t('booking.time.required'));
      return;
    }
    state.start = start;
    ctx.next();
  });
  return step(ctx, t('booking.step.time.title'), form);
}
