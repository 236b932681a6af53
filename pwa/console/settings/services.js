// Form sections of the offices-and-services page: one office, the service catalogue.
// Inputs write straight into the model (the town document's "offices"/"services").
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { control, group, number, smallButton } from './fields.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LANGS = ['de', 'en'];
const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const dayName = (day) => t(`console.catalogue.day.${day}`);
const splitList = (text, sep) => text.split(sep).map((x) => x.trim()).filter(Boolean);

// Set or drop a weekday's list so an empty day leaves no key behind.
function setDay(office, key, day, list) {
  const days = { ...(office[key] || {}) };
  if (list.length) days[day] = list;
  else delete days[day];
  if (Object.keys(days).length) office[key] = days;
  else delete office[key];
}

// Counter or pickup ranges of one weekday: rows of from/to/count.
function rangeList(office, i, key, day, render) {
  const base = `offices[${i}].${key}.${day}`;
  const label = t(`console.catalogue.${key}`);
  const where = `${office.name} – ${label} ${dayName(day)}`;
  const rows = office[key]?.[day] || [];
  const update = (list) => setDay(office, key, day, list);
  return h('fieldset', { class: 'group', 'data-field': base, 'data-where': where },
    h('legend', {}, `${label} (${dayName(day)})`),
    rows.length === 0 && h('p', { class: 'hint' }, t(`console.catalogue.${key}.none`)),
    rows.map((row, j) => {
      const path = `${base}[${j}]`;
      const context = `${office.name}, ${label} ${dayName(day)}, ${t('console.catalogue.row', { n: j + 1 })}`;
      const edit = (prop, value) => { rows[j] = { ...rows[j], [prop]: value }; update(rows); };
      return h('div', { class: 'filter', 'data-field': path, 'data-where': `${where} ${j + 1}` },
        control({ path: `${path}.from`, where: `${where} ${j + 1}`, label: t('console.catalogue.from'), context, type: 'time',
          get: () => row.from, set: (v) => edit('from', v) }),
        control({ path: `${path}.to`, where: `${where} ${j + 1}`, label: t('console.catalogue.to'), context, type: 'time',
          get: () => row.to, set: (v) => edit('to', v) }),
        control({ path: `${path}.count`, where: `${where} ${j + 1}`, label: t('console.catalogue.count'), context, type: 'number',
          attrs: { min: 1, max: 99, inputmode: 'numeric' }, get: () => row.count, set: (v) => edit('count', number(v)) }),
        h('div', { class: 'field' }, smallButton(t('console.catalogue.remove'), context, () => {
          rows.splice(j, 1);
          update(rows);
          render(`${base}:add`);
        })),
      );
    }),
    h('div', { class: 'actions' }, smallButton(t('console.catalogue.addRange'), `${office.name}, ${label} ${dayName(day)}`, () => {
      const windows = office.hours?.[day] || [];
      const [from, to] = (windows[rows.length] || windows[0] || '08:00-12:00').split('-').map((x) => x.trim());
      update([...rows, { from, to, count: 1 }]);
      render(`${base}[${rows.length}].from`);
    }, { 'data-key': `${base}:add` })),
  );
}

function weekday(office, i, day, render) {
  const path = `offices[${i}].hours.${day}`;
  const where = `${office.name} – ${t('console.catalogue.hours')} ${dayName(day)}`;
  return group(dayName(day), {},
    control({ path, where, label: t('console.catalogue.hours'), context: `${office.name}, ${dayName(day)}`,
      hint: t('console.catalogue.hours.hint'),
      get: () => (office.hours?.[day] || []).join(', '),
      set: (v) => setDay(office, 'hours', day, splitList(v, ',')) }),
    rangeList(office, i, 'counters', day, render),
    rangeList(office, i, 'pickup', day, render),
  );
}

function closures(office, i, render) {
  const base = `offices[${i}].closures`;
  const label = t('console.catalogue.closures');
  const rows = office.closures || (office.closures = []);
  return h('fieldset', { class: 'group', 'data-field': base, 'data-where': `${office.name} – ${label}` },
    h('legend', {}, label),
    rows.length === 0 && h('p', { class: 'hint' }, t('console.catalogue.closures.none')),
    rows.map((row, j) => {
      const path = `${base}[${j}]`;
      const where = `${office.name} – ${t('console.catalogue.closure')} ${j + 1}`;
      const context = `${office.name}, ${t('console.catalogue.closure')} ${j + 1}`;
      return h('div', { class: 'filter', 'data-field': path, 'data-where': where },
        control({ path: `${path}.from`, where, label: t('console.catalogue.from'), context, type: 'date',
          get: () => row.from, set: (v) => { row.from = v; } }),
        control({ path: `${path}.to`, where, label: t('console.catalogue.toDay'), context, type: 'date',
          hint: t('console.catalogue.toDay.hint'),
          get: () => row.to, set: (v) => { if (v) row.to = v; else delete row.to; } }),
        control({ path: `${path}.reason`, where, label: t('console.catalogue.reason'), context,
          attrs: { maxlength: 200 }, get: () => row.reason, set: (v) => { row.reason = v; } }),
        h('div', { class: 'field' }, smallButton(t('console.catalogue.remove'), context, () => {
          rows.splice(j, 1);
          render(`${base}:add`);
        })),
      );
    }),
    h('div', { class: 'actions' }, smallButton(t('console.catalogue.addClosure'), office.name, () => {
      rows.push({ from: '', reason: '' });
      render(`${base}[${rows.length - 1}].from`);
    }, { 'data-key': `${base}:add` })),
  );
}

export function officeSection(model, office, i, render) {
  const text = (prop, label, opts = {}) => control({ path: `offices[${i}].${prop}`, where: `${office.name} – ${label}`,
    label, get: () => office[prop], set: (v) => { office[prop] = v; }, ...opts });
  return group(office.name || office.id, { 'data-office': office.id },
    text('name', t('console.catalogue.officeName'), { attrs: { autocomplete: 'off' } }),
    text('address', t('console.catalogue.address'), { attrs: { autocomplete: 'off' } }),
    LANGS.map((code) => control({ path: `offices[${i}].hours_text.${code}`,
      where: `${office.name} – ${t(`console.catalogue.hoursText.${code}`)}`, label: t(`console.catalogue.hoursText.${code}`),
      rows: 2, attrs: { lang: code },
      get: () => office.hours_text?.[code], set: (v) => { office.hours_text = { ...(office.hours_text || {}), [code]: v }; } })),
    control({ path: `offices[${i}].slot_step_minutes`, where: `${office.name} – ${t('console.catalogue.step')}`,
      label: t('console.catalogue.step'), hint: t('console.catalogue.step.hint'), type: 'number',
      attrs: { min: 5, max: 240, step: 5, inputmode: 'numeric' },
      get: () => office.slot_step_minutes ?? 15, set: (v) => { office.slot_step_minutes = number(v); } }),
    WEEKDAYS.map((day) => weekday(office, i, day, render)),
    closures(office, i, render),
  );
}

function service(model, s, i, render) {
  const name = s.name?.de || s.id;
  const where = (label) => `${name} – ${label}`;
  const path = `services[${i}]`;
  return group(name, { 'data-service': s.id },
    h('p', { class: 'hint' }, t('console.catalogue.serviceId', { id: s.id })),
    LANGS.map((code) => control({ path: `${path}.name.${code}`, where: where(t(`console.catalogue.serviceName.${code}`)),
      label: t(`console.catalogue.serviceName.${code}`), attrs: { lang: code, maxlength: 200, autocomplete: 'off' },
      get: () => s.name?.[code],
      set: (v) => {
        s.name = { ...(s.name || {}), [code]: v };
        if (code === 'en' && !v.trim()) delete s.name.en;
      } })),
    control({ path: `${path}.duration_minutes`, where: where(t('console.catalogue.duration')),
      label: t('console.catalogue.duration'), type: 'number', attrs: { min: 1, max: 480, inputmode: 'numeric' },
      get: () => s.duration_minutes, set: (v) => { s.duration_minutes = number(v); } }),
    LANGS.map((code) => control({ path: `${path}.documents.${code}`, where: where(t(`console.catalogue.documents.${code}`)),
      label: t(`console.catalogue.documents.${code}`), hint: t('console.catalogue.documents.hint'), rows: 4, attrs: { lang: code },
      get: () => (s.documents?.[code] || []).join('\n'),
      set: (v) => { s.documents = { ...(s.documents || {}), [code]: splitList(v, '\n') }; } })),
    h('fieldset', { class: 'field', 'data-field': `${path}.offices`, 'data-where': where(t('console.catalogue.offeredAt')) },
      h('legend', {}, t('console.catalogue.offeredAt')),
      model.offices.map((office) => control({ path: `${path}.offices:${office.id}`, where: where(office.name),
        label: office.name, context: name, type: 'checkbox',
        get: () => (s.offices || []).includes(office.id),
        set: (on) => {
          const rest = (s.offices || []).filter((id) => id !== office.id);
          s.offices = on ? [...rest, office.id] : rest;
        } }))),
    control({ path: `${path}.horizon_days`, where: where(t('console.catalogue.horizon')),
      label: t('console.catalogue.horizon'), hint: t('console.catalogue.horizon.hint'), type: 'number',
      attrs: { min: 1, max: 730, inputmode: 'numeric' },
      get: () => s.horizon_days ?? 90, set: (v) => { s.horizon_days = number(v); } }),
    control({ path: `${path}.lead_minutes`, where: where(t('console.catalogue.lead')),
      label: t('console.catalogue.lead'), hint: t('console.catalogue.lead.hint'), type: 'number',
      attrs: { min: 0, max: 43200, inputmode: 'numeric' },
      get: () => s.lead_minutes ?? 60, set: (v) => { s.lead_minutes = number(v); } }),
    control({ path: `${path}.pickup`, where: where(t('console.catalogue.pickupService')),
      label: t('console.catalogue.pickupService'), context: name, type: 'checkbox',
      get: () => s.pickup, set: (on) => { s.pickup = on; } }),
    h('div', { class: 'actions' }, smallButton(t('console.catalogue.removeService'), name, () => {
      // eslint-disable-next-line no-alert
      if (!window.confirm(t('console.catalogue.removeService.confirm', { name }))) return;
      model.services.splice(i, 1);
      render('services:new');
    })),
  );
}

function addService(model, render) {
  const note = h('p', { class: 'field-error', role: 'alert' });
  note.hidden = true;
  const slug = control({ path: 'services:new', where: t('console.catalogue.newId'), label: t('console.catalogue.newId'),
    hint: t('console.catalogue.newId.hint'), attrs: { autocomplete: 'off', spellcheck: 'false' }, get: () => '', set: () => {} });
  const input = slug.querySelector('input');
  const add = () => {
    const id = input.value.trim().toLowerCase();
    let problem = '';
    if (!SLUG.test(id)) problem = t('console.catalogue.newId.invalid');
    else if (model.services.some((s) => s.id === id)) problem = t('console.catalogue.newId.taken');
    if (problem) {
      note.textContent = problem;
      note.id = `${input.id}-error`;
      note.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${input.id}-hint ${note.id}`);
      input.focus();
      return;
    }
    model.services.push({ id, name: { de: '', en: '' }, duration_minutes: 10, documents: { de: [], en: [] },
      offices: model.offices.map((o) => o.id), horizon_days: 90, lead_minutes: 60 });
    render(`services[${model.services.length - 1}].name.de`);
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); add(); }
  });
  slug.append(note);
  return group(t('console.catalogue.addService'), {},
    slug,
    h('div', { class: 'actions' }, smallButton(t('console.catalogue.addService'), null, add)),
  );
}

export function serviceSection(model, render) {
  return [
    model.services.map((s, i) => service(model, s, i, render)),
    addService(model, render),
  ];
}
