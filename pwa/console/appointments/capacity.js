// Capacity of one office day: block a time range on one counter or on all, list and
// remove blocks, add extra pickup places (ID cards and passports waiting for collection).
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { clearErrors, field, showErrors, submitButton, submitting, values } from '../../js/forms.js';
import { t } from '../../js/i18n.js';
import {
  catalogue, chooseOffice, closedText, counterLabel, errorNotice, formatDay, isDay, officeError, officeSelect, page,
  rememberOffice, tabHref, todayIso,
} from './common.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

// A confirmation of what changed; it takes the focus so it is read at once.
function changed(...lines) {
  const box = h('div', { class: 'notice notice-ok change-note', tabindex: '-1' },
    lines.filter(Boolean).map((line) => h('p', {}, line)));
  return box;
}

export default async function capacity({ query }) {
  const cat = await catalogue();
  let office = chooseOffice(cat.offices, query.get('buero'));
  let day = isDay(query.get('datum')) && query.get('datum') >= todayIso() ? query.get('datum') : todayIso();
  let data = null;
  let sequence = 0;

  const { select: officeInput, wrap: officeField } = officeSelect({ id: 'cap-office', offices: cat.offices, value: office });
  const dateInput = h('input', { id: 'cap-date', name: 'date', type: 'date', value: day, min: todayIso(), required: true, autocomplete: 'off' });
  const picker = h('form', { class: 'filter', novalidate: true, onsubmit: (event) => event.preventDefault() },
    officeField, h('div', { class: 'field' }, h('label', { for: 'cap-date' }, t('console.office.day.date')), dateInput));

  const heading = h('h2', { id: 'cap-heading' });
  const state = h('p', {});
  const closed = h('p', { class: 'notice', hidden: true });
  const problem = h('div', {});
  const blockResult = h('div', {});
  const pickupResult = h('div', {});
  const blockList = h('div', {});
  const extraNow = h('p', {});

  // --- block form --------------------------------------------------------------------------
  const counterInput = h('select', { id: 'cap-counter', name: 'counter', autocomplete: 'off' });
  const blockForm = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'time-pair' },
      field({ name: 'from', label: t('console.office.block.from'), type: 'time', autocomplete: 'off', attrs: { step: '300' } }),
      field({ name: 'to', label: t('console.office.block.to'), type: 'time', autocomplete: 'off', attrs: { step: '300' } })),
    h('div', { class: 'field', 'data-field': 'counter' },
      h('label', { for: 'cap-counter' }, t('console.office.block.counter')), counterInput),
    field({ name: 'reason', label: t('console.office.block.reason'), required: false, hint: t('console.office.block.reasonHint'),
      autocomplete: 'off', attrs: { maxlength: '200' } }),
    h('div', { class: 'actions' }, submitButton(t('console.office.block.submit'))),
  );
  blockForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(blockForm, async () => {
      const raw = values(blockForm);
      const fields = {};
      if (!HHMM.test(raw.from)) fields.from = t('console.office.block.timeMissing');
      if (!HHMM.test(raw.to)) fields.to = t('console.office.block.timeMissing');
      else if (HHMM.test(raw.from) && raw.to <= raw.from) fields.to = t('console.office.block.toAfterFrom');
      if (Object.keys(fields).length) return showErrors(blockForm, { message: t('form.check'), fields });
      const body = { office, date: day, from: raw.from, to: raw.to };
      if (raw.counter) body.counter = raw.counter;
      if (raw.reason.trim()) body.reason = raw.reason.trim();
      try {
        const answer = await api.post('/api/office/blocks', body);
        clearErrors(blockForm);
        blockForm.reset();
        const codes = answer.affected_bookings || [];
        const note = changed(
          t('console.office.block.done', { from: body.from, to: body.to, counter: counterLabel(body.counter), date: formatDay(day, 'short') }),
          codes.length ? t('console.office.block.affected', { count: codes.length, codes: codes.join(', ') }) : null,
        );
        if (codes.length) note.append(h('p', {}, h('a', { href: tabHref('', { buero: office, datum: day }) }, t('console.office.block.toDay'))));
        blockResult.replaceChildren(note);
        note.focus();
        await load();
      } catch (err) {
        showErrors(blockForm, { message: officeError(err), fields: err.fields });
      }
      return undefined;
    });
  });

  // --- extra pickup places -----------------------------------------------------------------
  const pickupForm = h('form', { class: 'form', novalidate: true },
    field({ name: 'places', label: t('console.office.pickup.places'), type: 'number', autocomplete: 'off', value: '1',
      hint: t('console.office.pickup.placesHint'), attrs: { min: '1', max: '10', step: '1', inputmode: 'numeric' } }),
    h('div', { class: 'actions' }, submitButton(t('console.office.pickup.submit'))),
  );
  pickupForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(pickupForm, async () => {
      const places = Number(values(pickupForm).places);
      if (!Number.isInteger(places) || places < 1 || places > 10) {
        return showErrors(pickupForm, { message: t('form.check'), fields: { places: t('console.office.pickup.placesInvalid') } });
      }
      try {
        const answer = await api.post('/api/office/extra-pickup', { office, date: day, places });
        clearErrors(pickupForm);
        await load();
        const note = changed(
          t('console.office.pickup.done', { count: places, date: formatDay(day, 'short') }),
          t('console.office.pickup.total', { count: data ? data.pickup_places.length : answer.extra_pickup, extra: answer.extra_pickup }),
        );
        pickupResult.replaceChildren(note);
        note.focus();
      } catch (err) {
        showErrors(pickupForm, { message: officeError(err), fields: err.fields });
      }
      return undefined;
    });
  });

  // --- the day's state ---------------------------------------------------------------------
  async function unblock(block, button) {
    try {
      await api.delete(`/api/office/blocks/${encodeURIComponent(block.id)}`);
      const note = changed(t('console.office.block.removed', { from: block.from, to: block.to, counter: counterLabel(block.counter) }));
      blockResult.replaceChildren(note);
      note.focus();
      await load();
    } catch (err) {
      button.after(errorNotice(err));
    }
  }

  function renderBlocks() {
    if (!data.blocks.length) {
      blockList.replaceChildren(h('p', { class: 'muted' }, t('console.office.block.none')));
      return;
    }
    blockList.replaceChildren(h('ul', { class: 'plain block-list' }, data.blocks.map((block) => {
      const what = `${block.from}–${block.to}, ${counterLabel(block.counter)}`;
      const button = h('button', { type: 'button', class: 'button button-small button-secondary',
        'aria-label': `${t('console.office.block.remove')}: ${what}` }, t('console.office.block.remove'));
      button.addEventListener('click', () => unblock(block, button));
      return h('li', { class: 'block-row' },
        h('span', {}, h('span', { class: 'time-range' }, `${block.from}–${block.to}`), ' · ', counterLabel(block.counter),
          block.reason ? h('span', { class: 'muted' }, ` · ${block.reason}`) : null),
        button);
    })));
  }

  function render() {
    const officeName = cat.offices.find((o) => o.id === office)?.name || office;
    heading.textContent = t('console.office.day.heading', { date: formatDay(day), office: officeName });
    state.textContent = t('console.office.capacity.state', {
      counters: data.counters.length, pickup: data.pickup_places.length, extra: data.extra_pickup });
    closed.hidden = !data.closed;
    closed.textContent = data.closed ? closedText(data.closed) : '';
    const selected = counterInput.value;
    counterInput.replaceChildren(
      h('option', { value: '' }, t('console.office.allCounters')),
      ...[...data.counters, ...data.pickup_places].map((c) => h('option', { value: c, selected: c === selected }, counterLabel(c))));
    extraNow.textContent = t('console.office.pickup.now', { count: data.extra_pickup });
    renderBlocks();
  }

  async function load() {
    const current = ++sequence;
    history.replaceState(null, '', tabHref('sperren', { buero: office, datum: day }));
    try {
      const next = await api.get(`/api/office/day?office=${encodeURIComponent(office)}&date=${encodeURIComponent(day)}`);
      if (current !== sequence) return;
      data = next;
      problem.replaceChildren();
      render();
    } catch (err) {
      if (current === sequence) problem.replaceChildren(errorNotice(err));
    }
  }

  officeInput.addEventListener('change', () => {
    office = officeInput.value;
    rememberOffice(office);
    blockResult.replaceChildren();
    pickupResult.replaceChildren();
    load();
  });
  dateInput.addEventListener('change', () => {
    if (!isDay(dateInput.value)) return;
    day = dateInput.value;
    blockResult.replaceChildren();
    pickupResult.replaceChildren();
    load();
  });

  await load();
  return page('sperren', t('console.office.capacity.title'), t('console.office.capacity.lead'),
    picker,
    h('section', { 'aria-labelledby': 'cap-heading' }, heading, state, closed, problem),
    h('section', { class: 'cap-section', 'aria-labelledby': 'cap-block' },
      h('h2', { id: 'cap-block' }, t('console.office.block.title')),
      h('p', {}, t('console.office.block.text')),
      blockForm, blockResult,
      h('h3', {}, t('console.office.block.list')),
      blockList),
    h('section', { class: 'cap-section', 'aria-labelledby': 'cap-pickup' },
      h('h2', { id: 'cap-pickup' }, t('console.office.pickup.title')),
      h('p', {}, t('console.office.pickup.text')),
      extraNow,
      pickupForm, pickupResult),
  );
}
