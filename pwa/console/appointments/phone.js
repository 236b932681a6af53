// Book for a caller (the service number's "help with online booking"): services,
// office, a day with free times (staff may book any time still to come today, without the
// citizens' lead time), a time, the caller's name; e-mail optional. Without
// an e-mail address the confirmation is shown to be read out.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { checkboxes, clearErrors, field, showErrors, submitButton, submitting, values } from '../../js/forms.js';
import { LANGUAGES, lang, localized, t } from '../../js/i18n.js';
import {
  addDays, addMonths, catalogue, chooseOffice, clock, dayOf, formatDay, newKey, officeById, officeError, page,
  rememberOffice, tabHref, timeRange, todayIso,
} from './common.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()/ .-]{5,30}$/;

function confirmation(answer, emailed, restart) {
  const b = answer.booking;
  const checklist = b.checklist?.[b.language] || b.checklist?.[lang()] || [];
  const day = dayOf(b.start);
  const section = h('section', { class: 'phone-done', 'aria-labelledby': 'phone-done-title' },
    h('h2', { id: 'phone-done-title', tabindex: '-1' }, t('console.office.phone.booked')),
    h('p', { class: emailed ? 'notice notice-ok' : 'notice' },
      emailed ? t('console.office.phone.emailed', { email: b.email }) : t('console.office.phone.readOut')),
    h('dl', { class: 'facts readout' },
      h('dt', {}, t('console.office.code')),
      h('dd', {}, h('code', { class: 'booking-code booking-code-large' }, b.code)),
      h('dt', {}, t('console.office.phone.when')),
      h('dd', {}, formatDay(day), ', ', timeRange(b.start, b.end), ' ', t('console.office.phone.oclock')),
      h('dt', {}, t('console.office.office')),
      h('dd', {}, b.office.name, h('br'), b.office.address),
      h('dt', {}, t('console.office.services')),
      h('dd', {}, b.services.map((s) => localized(s.name)).join(', ')),
      h('dt', {}, t('console.office.phone.bring')),
      h('dd', {}, checklist.length
        ? h('ul', { class: 'checklist', lang: b.language !== lang() ? b.language : null }, checklist.map((item) => h('li', {}, item)))
        : '–'),
    ),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button', onclick: restart }, t('console.office.phone.another')),
      h('a', { class: 'button button-secondary', href: tabHref('', { buero: b.office.id, datum: day }) },
        t('console.office.phone.showDay'))),
  );
  return section;
}

export default async function phone({ query }) {
  const cat = await catalogue();
  const services = cat.services;
  let office = chooseOffice(cat.offices, query.get('buero'));
  let sequence = 0;
  let attempt = { body: '', key: newKey() };

  const live = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const say = (text) => { live.textContent = text; };

  const serviceGroup = checkboxes({
    name: 'services', legend: t('console.office.services'), hint: t('console.office.phone.servicesHint'),
    options: services.map((s) => ({
      value: s.id, label: localized(s.name),
      hint: [t('console.office.minutes', { count: s.duration_minutes }), s.pickup ? t('console.office.phone.pickup') : null]
        .filter(Boolean).join(' · '),
    })),
  });
  serviceGroup.classList.add('service-choice');
  const servicesNote = h('p', { class: 'hint service-note', hidden: true });
  serviceGroup.append(servicesNote);

  const officeInput = h('select', { id: 'phone-office', name: 'office', autocomplete: 'off' });
  const officeField = h('div', { class: 'field', 'data-field': 'office' },
    h('label', { for: 'phone-office' }, t('console.office.office')), officeInput);

  const dayInput = h('select', { id: 'phone-day', name: 'day', autocomplete: 'off', disabled: true, 'aria-describedby': 'phone-day-hint' });
  const dayHint = h('p', { class: 'hint', id: 'phone-day-hint' }, t('console.office.phone.dayHint'));
  const dayField = h('div', { class: 'field', 'data-field': 'day' },
    h('label', { for: 'phone-day' }, t('console.office.phone.day')), dayHint, dayInput);

  const times = h('div', { class: 'time-grid' });
  const timesNote = h('p', { class: 'hint' }, t('console.office.phone.timesFirst'));
  const timeField = h('fieldset', { class: 'field', 'data-field': 'start' },
    h('legend', {}, t('console.office.phone.time')), timesNote, times);

  const languageInput = h('select', { id: 'phone-language', name: 'language', autocomplete: 'off' },
    Object.entries(LANGUAGES).map(([code, info]) => h('option', { value: code, lang: code, selected: code === lang() }, info.name)));

  const form = h('form', { class: 'form form-wide phone-form', novalidate: true },
    h('fieldset', { class: 'group' }, h('legend', {}, t('console.office.phone.what')),
      serviceGroup, officeField, dayField, timeField),
    h('fieldset', { class: 'group' }, h('legend', {}, t('console.office.phone.who')),
      field({ name: 'name', label: t('console.office.phone.name'), autocomplete: 'off', attrs: { minlength: '2', maxlength: '100' } }),
      field({ name: 'phone', label: t('console.office.phone.phone'), type: 'tel', autocomplete: 'off', required: false,
        hint: t('console.office.optional'), attrs: { maxlength: '30' } }),
      field({ name: 'email', label: t('console.office.phone.email'), type: 'email', autocomplete: 'off', required: false,
        hint: t('console.office.phone.emailHint'), attrs: { spellcheck: 'false', autocapitalize: 'none' } }),
      h('div', { class: 'field', 'data-field': 'language' },
        h('label', { for: 'phone-language' }, t('console.office.phone.language')), languageInput),
    ),
    h('div', { class: 'actions' }, submitButton(t('console.office.phone.submit'))),
  );
  const result = h('div', {});

  const chosen = () => [...form.querySelectorAll('input[name="services"]:checked')].map((el) => el.value);
  const serviceList = (ids) => ids.map((id) => services.find((s) => s.id === id)).filter(Boolean);

  function fillOffices(ids) {
    const picked = serviceList(ids);
    const offering = cat.offices.filter((o) => picked.every((s) => s.offices.includes(o.id)));
    if (!offering.some((o) => o.id === office)) office = chooseOffice(offering.length ? offering : cat.offices, office);
    officeInput.replaceChildren(...offering.map((o) => h('option', { value: o.id, selected: o.id === office }, o.name)));
    officeInput.disabled = !offering.length;
    return offering.length > 0;
  }

  function resetTimes(text) {
    times.replaceChildren();
    timesNote.textContent = text;
  }

  function problemWithServices(ids) {
    const picked = serviceList(ids);
    if (!picked.length) return t('console.office.phone.servicesFirst');
    if (picked.length > 4) return t('console.office.phone.tooMany');
    if (new Set(picked.map((s) => s.pickup)).size > 1) return t('console.office.phone.pickupAlone');
    if (!fillOffices(ids)) return t('console.office.phone.noOffice');
    return '';
  }

  async function loadDays() {
    const current = ++sequence;
    const ids = chosen();
    const problem = problemWithServices(ids);
    servicesNote.hidden = !problem || !ids.length;
    servicesNote.textContent = ids.length ? problem : '';
    dayInput.replaceChildren(h('option', { value: '' }, problem || t('console.office.phone.loadingDays')));
    dayInput.disabled = true;
    resetTimes(t('console.office.phone.timesFirst'));
    if (problem) return;
    const horizon = Math.min(...serviceList(ids).map((s) => s.horizon_days));
    const today = todayIso();
    const months = [];
    for (let month = today.slice(0, 7); month <= addDays(today, horizon).slice(0, 7); month = addMonths(month, 1)) months.push(month);
    try {
      const answers = await Promise.all(months.map((month) => api.get(
        `/api/office/availability?office=${encodeURIComponent(office)}&services=${encodeURIComponent(ids.join(','))}&month=${month}`)));
      if (current !== sequence) return;
      const free = answers.flatMap((a) => a.days).filter((d) => d.free > 0);
      dayInput.replaceChildren(
        h('option', { value: '' }, free.length ? t('console.office.phone.chooseDay') : t('console.office.phone.noDays')),
        ...free.map((d) => h('option', { value: d.date }, t('console.office.phone.dayOption', {
          date: formatDay(d.date, 'short'), count: d.free }))));
      dayInput.disabled = !free.length;
      say(free.length ? t('console.office.phone.daysFound', { count: free.length }) : t('console.office.phone.noDays'));
    } catch (err) {
      if (current !== sequence) return;
      dayInput.replaceChildren(h('option', { value: '' }, officeError(err)));
      say(officeError(err));
    }
  }

  async function loadSlots() {
    const current = ++sequence;
    const day = dayInput.value;
    if (!day) {
      resetTimes(t('console.office.phone.timesFirst'));
      return;
    }
    resetTimes(t('console.office.phone.loadingTimes'));
    try {
      const answer = await api.get(`/api/office/slots?office=${encodeURIComponent(office)}&services=${
        encodeURIComponent(chosen().join(','))}&date=${encodeURIComponent(day)}`);
      if (current !== sequence) return;
      timesNote.textContent = answer.slots.length
        ? t('console.office.phone.timesCount', { count: answer.slots.length, date: formatDay(day, 'short') })
        : t('console.office.phone.noTimes');
      times.replaceChildren(...answer.slots.map((slot, i) => {
        const id = `phone-time-${i}`;
        return h('div', { class: 'time-option' },
          h('input', { type: 'radio', id, name: 'start', value: slot.start }),
          h('label', { for: id }, clock(slot.start)));
      }));
      say(timesNote.textContent);
    } catch (err) {
      if (current !== sequence) return;
      resetTimes(officeError(err));
      say(officeError(err));
    }
  }

  serviceGroup.addEventListener('change', loadDays);
  officeInput.addEventListener('change', () => {
    office = officeInput.value;
    rememberOffice(office);
    loadDays();
  });
  dayInput.addEventListener('change', loadSlots);

  function check(body) {
    const fields = {};
    const problem = problemWithServices(body.services);
    if (problem) fields.services = problem;
    else if (!body.day) fields.day = t('console.office.phone.dayMissing');
    else if (!body.start) fields.start = t('console.office.phone.timeMissing');
    if (body.name.trim().length < 2) fields.name = t('console.office.phone.nameMissing');
    if (body.email.trim() && !EMAIL.test(body.email.trim())) fields.email = t('console.office.phone.emailInvalid');
    if (body.phone.trim() && !PHONE.test(body.phone.trim())) fields.phone = t('console.office.phone.phoneInvalid');
    return fields;
  }

  function restart() {
    form.reset();
    clearErrors(form);
    result.replaceChildren();
    form.hidden = false;
    attempt = { body: '', key: newKey() };
    loadDays();
    form.querySelector('input[name="services"]')?.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const raw = values(form);
      const fields = check(raw);
      if (Object.keys(fields).length) return showErrors(form, { message: t('form.check'), fields });
      const email = raw.email.trim();
      const body = {
        office, services: raw.services, start: raw.start, name: raw.name.trim(),
        email: email || null, phone: raw.phone.trim() || null, language: raw.language, send_confirmation: Boolean(email),
      };
      const text = JSON.stringify(body);
      if (text !== attempt.body) attempt = { body: text, key: newKey() }; // a retry of the same booking keeps its key
      try {
        const answer = await api.post('/api/office/bookings', body, { idempotencyKey: attempt.key });
        clearErrors(form);
        form.hidden = true;
        const done = confirmation(answer, Boolean(email), restart);
        result.replaceChildren(done);
        done.querySelector('h2').focus();
      } catch (err) {
        showErrors(form, { message: officeError(err), fields: err.fields });
        if (err.status === 409) loadSlots();
      }
      return undefined;
    });
  });

  fillOffices([]);
  loadDays();
  return page('telefon', t('console.office.phone.title'), t('console.office.phone.lead'), form, result, live);
}
