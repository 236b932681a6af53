// /termin/verwalten?token=…: the booking behind the link in the e-mail (or in
// "my appointments"): move it, cancel it, ask for an earlier time, reminders.
import { api } from '../api.js';
import { h } from '../dom.js';
import { needs, t } from '../i18n.js';
import { forgetPush, pushSupported, sendPush, subscribePush } from '../push.js';
import { errorText } from '../shell.js';
import { berlinDate, catalogue, fill, focusHeading, when } from './common.js';
import { dayPicker } from './day.js';
import { forgetBooking, rememberBooking, tokenFor } from './device.js';
import { confirmNotice } from './done.js';
import { bookingFacts, invalidLink } from './summary.js';
import { chosenTime, timeChoices } from './time.js';
import { againHref, keepForNextBooking } from './wizard.js';

await needs(['booking-more']);

const CHANGEABLE = ['pending', 'confirmed'];

const alert = (err) => h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err));

export default async function manage({ query }) {
  const token = query.get('token');
  if (!token) return invalidLink('booking.link.invalidTitle', 'booking.link.invalidText');
  let booking;
  let cat;
  try {
    [{ booking }, cat] = await Promise.all([api.get(`/api/booking/manage?token=${encodeURIComponent(token)}`), catalogue()]);
  } catch (err) {
    if (err.status === 404) return invalidLink('booking.link.invalidTitle', 'booking.link.invalidText');
    throw err;
  }
  const root = h('div', { class: 'view booking' });

  function changed(next, flashKey) {
    booking = next;
    if (tokenFor(booking.code) && CHANGEABLE.includes(booking.status)) rememberBooking(booking, token);
    render(flashKey);
  }

  function rebookPanel(panel, opener) {
    const services = booking.services.map((s) => s.id);
    const times = h('div', {});
    const close = () => {
      panel.replaceChildren();
      opener.focus();
    };
    const picker = dayPicker({ cat, office: booking.office.id, services, selected: null, onPick: (day) => showTimes(day) });

    function showTimes(day, problem = null) {
      const status = h('div', { 'aria-live': 'polite' }, problem);
      const group = timeChoices({ office: booking.office.id, services, day, name: 'new-start' });
      const button = h('button', { type: 'submit', class: 'button' }, t('booking.rebook.submit'));
      const form = h('form', { class: 'form form-wide', novalidate: true }, group, status,
        h('div', { class: 'actions' }, button));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const start = chosenTime(form, 'new-start');
        if (!start) {
          status.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, t('booking.time.required')));
          return;
        }
        button.disabled = true;
        try {
          const answer = await api.post('/api/booking/rebook', { token, start });
          changed(answer.booking, 'booking.rebook.done');
        } catch (err) {
          button.disabled = false;
          if (err.status === 409 && err.code === 'conflict') {
            showTimes(day, h('p', { class: 'notice notice-error', role: 'alert' }, t('booking.rebook.taken')));
          } else status.replaceChildren(alert(err));
        }
      });
      const heading = h('h3', { tabindex: '-1' }, t('booking.step.time.title'));
      times.replaceChildren(heading, form);
      if (!problem) heading.focus();
    }

    panel.replaceChildren(
      h('h3', {}, t('booking.rebook.title')),
      h('p', { class: 'hint' }, t('booking.rebook.hint', { when: when(booking.start) })),
      picker, times,
      h('p', {}, h('button', { type: 'button', class: 'button button-secondary', onclick: close }, t('action.cancel'))));
    focusHeading(panel);
  }

  function cancelPanel(panel, opener) {
    const yes = h('button', { type: 'button', class: 'button button-danger' }, t('booking.cancel.yes'));
    const status = h('div', {});
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        const answer = await api.post('/api/booking/cancel', { token });
        forgetBooking(booking.code);
        forgetPush(token);
        keepForNextBooking(booking); // the next booking in this tab starts with service, office, name, e-mail
        changed(answer.booking, 'booking.cancel.done');
      } catch (err) {
        yes.disabled = false;
        status.replaceChildren(alert(err));
      }
    });
    const no = () => {
      panel.replaceChildren();
      opener.focus();
    };
    panel.replaceChildren(
      h('h3', {}, t('booking.cancel.title')),
      h('p', {}, t('booking.cancel.text', { when: when(booking.start) })),
      status,
      h('div', { class: 'actions' }, yes,
        h('button', { type: 'button', class: 'button button-secondary', onclick: no }, t('booking.cancel.no'))));
    focusHeading(panel);
  }

  function waitlist() {
    const out = h('div', { 'aria-live': 'polite' });
    const button = h('button', { type: 'button', class: 'button button-secondary' }, t('booking.waitlist.button'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api.post('/api/booking/waitlist', { token });
        const done = h('p', { class: 'notice notice-ok', tabindex: '-1' }, t('booking.waitlist.done'));
        button.parentNode.replaceWith(done);
        done.focus();
      } catch (err) {
        button.disabled = false;
        out.replaceChildren(alert(err));
      }
    });
    return h('section', { 'aria-labelledby': 'booking-earlier' },
      h('h2', { id: 'booking-earlier' }, t('booking.waitlist.title')),
      h('p', {}, t('booking.waitlist.text')), h('p', {}, button), out);
  }

  function reminders() {
    const out = h('div', { 'aria-live': 'polite' });
    const text = h('p', {});
    const slot = h('p', {});
    const update = () => {
      text.textContent = t(booking.push ? 'booking.reminder.isPush' : 'booking.reminder.isEmail');
      const button = h('button', { type: 'button', class: 'button button-secondary', onclick: toggle },
        t(booking.push ? 'booking.reminder.off' : 'booking.reminder.turnOn'));
      slot.replaceChildren(button);
      slot.hidden = !booking.push && !pushSupported();
      return button;
    };
    async function toggle(event) {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        const subscription = booking.push ? null : await subscribePush();
        ({ booking } = await sendPush(token, subscription, berlinDate(new Date(booking.start))));
        out.replaceChildren(h('p', { class: 'notice notice-ok' },
          t(booking.push ? 'booking.reminder.on' : 'booking.reminder.emailNow')));
        update().focus();
      } catch (err) {
        button.disabled = false;
        out.replaceChildren(err.message === 'denied'
          ? h('p', { class: 'notice notice-error', role: 'alert' }, t('booking.reminder.denied')) : alert(err));
      }
    }
    update();
    return h('section', { 'aria-labelledby': 'booking-reminder' },
      h('h2', { id: 'booking-reminder' }, t('booking.reminder.legend')), text, slot, out);
  }

  function render(flashKey) {
    const future = new Date(booking.start) > new Date();
    const changeable = CHANGEABLE.includes(booking.status) && future;
    const panel = h('div', { class: 'panel' });
    const flash = flashKey && h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' }, t(flashKey));
    const status = booking.status === 'pending'
      ? confirmNotice(booking, cat.rules?.confirm_minutes || 30)
      : h('p', { class: `status status-${booking.status}` },
        h('span', { class: 'label' }, `${t('booking.status')}: `), t(`booking.status.${booking.status}`));
    fill(root,
      h('h1', {}, t('booking.manage.title')),
      flash, status,
      bookingFacts(booking, CHANGEABLE.includes(booking.status) ? token : null),
      changeable && h('section', { 'aria-labelledby': 'booking-change' },
        h('h2', { id: 'booking-change' }, t('booking.change.title')),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button', onclick: (e) => rebookPanel(panel, e.currentTarget) },
            t('booking.rebook.button')),
          h('button', { type: 'button', class: 'button button-danger', onclick: (e) => cancelPanel(panel, e.currentTarget) },
            t('booking.cancel.button'))),
        panel),
      changeable && waitlist(),
      changeable && reminders(),
      !changeable && h('p', {}, h('a', { class: 'button', href: againHref(booking) }, t('booking.again'))),
      h('p', {}, h('a', { href: '/termin/meine' }, t('booking.mine.link'))));
    if (flash) flash.focus();
  }

  render();
  return root;
}
