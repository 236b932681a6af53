// Step 5: name, e-mail, optional phone, reminder channel, consent; then the
// booking request. One Idempotency-Key per attempt, reused for retries of the
// same data; a time taken meanwhile offers the next free times with one tap.
import { api } from '../api.js';
import { h } from '../dom.js';
import { checkbox, clearErrors, field, showErrors, submitting, values } from '../forms.js';
import { has, lang, localized, needs, t } from '../i18n.js';
import { pushSupported, subscribePush } from '../push.js';
import { minutes, officeOf, serviceOf, step, stepActions, when } from './common.js';

await needs(['booking-more']);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^[0-9+()/ .-]{5,30}$/;
// Fields of the API that have no input of their own here.
const ELSEWHERE = ['start', 'services', 'office'];

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function summary(cat, state) {
  const chosen = state.services.map((id) => serviceOf(cat, id));
  const office = officeOf(cat, state.office);
  const sum = chosen.reduce((acc, s) => acc + s.duration_minutes, 0);
  return h('section', { class: 'summary', 'aria-labelledby': 'booking-summary' },
    h('h3', { id: 'booking-summary' }, t('booking.summary.title')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('booking.summary.services')),
      h('dd', {}, chosen.map((s) => localized(s.name)).join(', '), ` (${minutes(sum)})`),
      h('dt', {}, t('booking.summary.office')), h('dd', {}, office.name, h('br', {}), office.address),
      h('dt', {}, t('booking.summary.when')), h('dd', { class: 'when' }, when(state.start))));
}

// Up to three free starts after the one just taken: that day, else the next day with free time.
async function nextFree(state, after) {
  const query = `office=${encodeURIComponent(state.office)}&services=${encodeURIComponent(state.services.join(','))}`;
  const later = (slots) => slots.filter((s) => new Date(s.start) > new Date(after)).map((s) => s.start);
  const found = later((await api.get(`/api/booking/slots?${query}&date=${state.day}`)).slots);
  if (found.length < 3) {
    const { days } = await api.get(`/api/booking/availability?${query}&month=${state.day.slice(0, 7)}`);
    const next = days.find((d) => d.date > state.day && d.free > 0);
    if (next) found.push(...later((await api.get(`/api/booking/slots?${query}&date=${next.date}`)).slots));
  }
  return found.slice(0, 3);
}

function reminder(push) {
  if (!pushSupported()) {
    return h('p', { class: 'notice' }, t('booking.reminder.email'));
  }
  const box = checkbox({ name: 'push', label: t('booking.reminder.push') });
  const status = h('p', { class: 'hint', id: 'push-status', role: 'status' }, t('booking.reminder.pushHint'));
  box.append(status);
  const input = box.querySelector('input');
  input.setAttribute('aria-describedby', status.id);
  input.addEventListener('change', async () => {
    push.subscription = null;
    if (!input.checked) {
      status.textContent = t('booking.reminder.pushHint');
      return;
    }
    status.textContent = t('booking.reminder.asking');
    try {
      push.subscription = await subscribePush();
      status.textContent = t('booking.reminder.on');
    } catch (err) {
      input.checked = false;
      status.textContent = t(err.message === 'denied' ? 'booking.reminder.denied' : 'booking.reminder.failed');
    }
  });
  return box;
}

export default function detailsStep(ctx) {
  const { cat, state } = ctx;
  const confirmMinutes = cat.rules?.confirm_minutes || 30;
  const alternatives = h('div', { class: 'alternatives', 'aria-live': 'polite' });
  const consent = checkbox({ name: 'consent', label: t('booking.consent') });
  consent.append(h('p', { class: 'hint', id: 'consent-hint' }, t('booking.consent.hint'), ' ',
    h('a', { href: '/datenschutz', target: '_blank' }, t('booking.consent.link'))));
  consent.querySelector('input').setAttribute('aria-describedby', 'consent-hint');
  const submit = h('button', { type: 'submit', class: 'button' }, t('booking.submit'));
  const sending = h('p', { class: 'hint', role: 'status' });
  const form = h('form', { class: 'form', novalidate: true });
  const push = { subscription: null };
  let attempt = null;
  let summaryBox = h('div', {}, summary(cat, state));

  form.append(
    summaryBox,
    field({ name: 'name', label: t('booking.name'), autocomplete: 'name', attrs: { minlength: 2, maxlength: 100 } }),
    field({ name: 'email', label: t('booking.email'), type: 'email', autocomplete: 'email',
      hint: t('booking.email.hint', { minutes: confirmMinutes }), attrs: { maxlength: 254 } }),
    field({ name: 'phone', label: t('booking.phone'), type: 'tel', autocomplete: 'tel', required: false,
      hint: t('booking.phone.hint'), attrs: { maxlength: 30 } }),
    // The document order this pickup appointment is for: from the order page's link, may be changed or cleared.
    state.order && field({ name: 'order_reference', label: t('booking.order'), required: false,
      value: state.order, hint: t('booking.order.hint'), attrs: { maxlength: 80, autocapitalize: 'characters', spellcheck: 'false' } }),
    h('fieldset', { class: 'field' }, h('legend', {}, t('booking.reminder.legend')), reminder(push)),
    consent,
    alternatives,
    h('div', { class: 'actions step-actions' }, submit,
      h('button', { type: 'button', class: 'button button-secondary', onclick: ctx.back }, t('booking.back'))),
    sending,
  );
  // Name and e-mail of a booking just cancelled in this tab, for the next booking only.
  for (const name of ['name', 'email']) {
    const input = form.querySelector(`input[name="${name}"]`);
    if (input && state.contact?.[name]) input.value = state.contact[name];
  }

  function check(data) {
    const fields = {};
    if (data.name.trim().length < 2) fields.name = t('booking.error.name');
    if (!EMAIL.test(data.email.trim())) fields.email = t('booking.error.email');
    if (data.phone.trim() && !PHONE.test(data.phone.trim())) fields.phone = t('booking.error.phone');
    if (!data.consent) fields.consent = t('booking.error.consent');
    return fields;
  }

  // The API's field messages are English: show ours where we have one.
  function localize(err) {
    const fields = {};
    let message = null;
    for (const [name, text] of Object.entries(err.fields || {})) {
      const key = err.code === 'active_booking_limit' ? 'booking.error.limit' : `booking.error.${name}`;
      if (ELSEWHERE.includes(name)) message = t('booking.error.start');
      else fields[name === 'push_subscription' ? 'push' : name] = has(key) ? t(key) : text;
    }
    return message ? { message, fields } : { ...err, message: err.message, code: err.code, fields };
  }

  async function offer(err, taken) {
    alternatives.replaceChildren();
    let starts = [];
    try {
      starts = await nextFree(state, taken);
    } catch {
      // no suggestions: the citizen picks another time
    }
    const panel = h('div', { class: 'notice notice-warn', role: 'alert', tabindex: '-1' },
      h('h3', {}, t('booking.taken.title')),
      h('p', {}, t(starts.length ? 'booking.taken.text' : 'booking.taken.none')),
      starts.length > 0 && h('ul', { class: 'alt-list' }, starts.map((start) => h('li', {},
        h('button', { type: 'button', class: 'button button-secondary', onclick: () => retryAt(start) },
          t('booking.taken.book', { when: when(start) }))))),
      h('button', { type: 'button', class: 'button button-secondary', onclick: ctx.back }, t('booking.taken.other')));
    alternatives.replaceChildren(panel);
    panel.focus();
  }

  function retryAt(start) {
    state.start = start;
    state.day = start.slice(0, 10);
    const fresh = h('div', {}, summary(cat, state));
    summaryBox.replaceWith(fresh);
    summaryBox = fresh;
    alternatives.replaceChildren();
    form.requestSubmit();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      clearErrors(form);
      const data = values(form);
      const problems = check(data);
      if (Object.keys(problems).length) {
        showErrors(form, { message: t('form.check'), fields: problems });
        return;
      }
      const body = {
        office: state.office,
        services: state.services,
        start: state.start,
        name: data.name.trim(),
        email: data.email.trim(),
        phone: data.phone.trim() || null,
        consent: true,
        language: lang(),
      };
      if (data.push && push.subscription) body.push_subscription = push.subscription;
      if (data.order_reference?.trim()) body.order_reference = data.order_reference.trim();
      const print = JSON.stringify(body);
      if (attempt?.print !== print) attempt = { print, key: newKey() };
      submit.disabled = true;
      sending.textContent = t('booking.sending');
      try {
        const answer = await api.post('/api/booking/bookings', body, { idempotencyKey: attempt.key });
        sending.textContent = '';
        await ctx.done(answer);
      } catch (err) {
        sending.textContent = '';
        if (err.status === 409 && err.code === 'conflict') await offer(err, body.start);
        else showErrors(form, localize(err));
      } finally {
        submit.disabled = false;
      }
    });
  });

  return step(ctx, t('booking.step.details.title'), form);
}
