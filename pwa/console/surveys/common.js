// Shared pieces of the survey console pages: loading, the section navigation,
// dates, texts in two languages, server messages, API-rendered SVG, next wave.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { clearErrors, showErrors } from '../../js/forms.js';
import { has, lang, locale, t } from '../../js/i18n.js';
import { navigate } from '../../js/router.js';
import { errorText } from '../../js/shell.js';

export const BASE = '/console/umfragen';
export const TYPES = ['single', 'multi', 'rating', 'nps', 'yesno', 'text'];
export const CHOICE_TYPES = ['single', 'multi'];
export const CONDITION_TYPES = ['single', 'multi', 'rating', 'nps', 'yesno'];
export const CHANNELS = ['online', 'qr', 'visit', 'paper'];
export const SLUG = /^[a-z0-9_-]{1,40}$/;

// Pages of one survey, in the order of its section navigation.
export const SECTIONS = [
  { key: 'edit', path: '' },
  { key: 'publish', path: 'veroeffentlichen' },
  { key: 'visit', path: 'besuch' },
  { key: 'paper', path: 'papier' },
  { key: 'results', path: 'ergebnisse' },
  { key: 'freetext', path: 'freitexte' },
  { key: 'report', path: 'bericht' },
  { key: 'raffle', path: 'verlosung' },
];

export function surveyPath(id, key = 'edit') {
  const section = SECTIONS.find((s) => s.key === key);
  const tail = section ? section.path : key;
  return `${BASE}/${encodeURIComponent(id)}${tail ? `/${tail}` : ''}`;
}

export const apiPath = (id, tail = '') => `/api/surveys/${encodeURIComponent(id)}${tail}`;

export function loadSurvey(id) {
  return api.get(apiPath(id));
}

// A {de, en} text in the console language; English falls back to German.
export function tx(value, code = lang()) {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  return (code === 'en' && value.en) ? value.en : (value.de || value.en || '');
}

// Calendar days are plain "YYYY-MM-DD" strings in the town's time zone.
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

export function addDays(day, days) {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

export function daysBetween(a, b) {
  const ms = (s) => Date.UTC(...s.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0)));
  return Math.round((ms(b) - ms(a)) / 86400000);
}

export function fmtDay(day, style = 'medium') {
  if (!day) return '–';
  const [y, m, d] = String(day).slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return String(day);
  return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function fmtNumber(value, digits = 0) {
  if (value == null) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function fmtPercent(value) {
  if (value == null) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

export function period(survey) {
  return t('console.survey.period', { opens: fmtDay(survey.opens), closes: fmtDay(survey.closes) });
}

// "Entwurf", "Läuft", "Beendet", "Geplant": status and availability in one word.
export function stateKey(status, availability) {
  if (status !== 'published') return 'draft';
  return availability === 'open' ? 'open' : availability === 'closed' ? 'closed' : 'scheduled';
}

export function stateBadge(status, availability) {
  const key = stateKey(status, availability);
  return h('span', { class: `badge sv-badge sv-badge-${key}` }, t(`console.survey.state.${key}`));
}

// Error text of an API error: survey-specific codes first, then the shared ones.
// vars fill placeholders such as {closes} from the survey the page shows.
export function surveyError(err, vars = {}) {
  if (err?.code && has(`console.survey.error.${err.code}`)) return t(`console.survey.error.${err.code}`, vars);
  return errorText(err);
}

export function alertBox(err, vars, ...extra) {
  return h('div', { class: 'notice notice-error', role: 'alert', tabindex: '-1' }, h('p', {}, surveyError(err, vars)), extra);
}

// Server field messages are English; German speakers get them translated.
const MESSAGES = [
  [/^must be a non-empty German text$/, 'germanText'],
  [/^must be at most (\d+) characters$/, 'maxChars', ['n']],
  [/^must be 1 to (\d+) characters$/, 'chars', ['n']],
  [/^must be 1-40 characters a-z, 0-9, _ or -$/, 'slug'],
  [/^must be a date \(YYYY-MM-DD\)$/, 'date'],
  [/^must not be before opens$/, 'afterOpens'],
  [/^must not be before closes$/, 'afterCloses'],
  [/^must be a list of (\d+) to (\d+) options$/, 'options', ['min', 'max']],
  [/^is already used by /, 'idUsed'],
  [/^clashes with /, 'idClash'],
  [/^is already taken$/, 'idUsed'],
  [/^is already used$/, 'waveUsed'],
  [/^must be the id of an earlier question$|^must refer to an earlier question$/, 'earlier'],
  [/^must not refer to a follow-up question/, 'nested'],
  [/^must refer to a choice, rating, NPS or yes\/no question$/, 'conditionType'],
  [/^must be a non-empty list$/, 'nonEmpty'],
  [/^must be a whole number from (\d+) to (\d+)$/, 'range', ['min', 'max']],
  [/^must be an option id of /, 'optionOf'],
  [/^must be true or false$/, 'yesno'],
  [/^must not repeat a value$/, 'repeat'],
  [/^is required$/, 'required'],
  [/^is not an option of this question$|^must be the id of one option$/, 'notOption'],
  [/^contains an option that is not part of this question$|^must be a list of option ids$/, 'notOption'],
  [/^must not select an option twice$/, 'repeat'],
  [/^is not asked for this answer$/, 'notAsked'],
  [/^is not a question of this survey$/, 'unknownQuestion'],
  [/^must be a text$/, 'text'],
  [/^contains invalid control characters$/, 'control'],
  [/^is not an office of this town$/, 'office'],
  [/^is not a service category of this town$/, 'category'],
  [/^must be from (\S+) to (\S+), not later than today$/, 'paperDate', ['from', 'to']],
  [/^one response may update at most/, 'counters'],
  [/^must contain at most (\d+) questions$/, 'maxQuestions', ['n']],
  [/^cannot be changed/, 'fixed'],
  [/^needs status approved$/, 'excerpt'],
];

export function fieldMessage(message) {
  for (const [pattern, key, names = []] of MESSAGES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const vars = {};
    names.forEach((name, i) => {
      vars[name] = /^\d{4}-\d{2}-\d{2}$/.test(match[i + 1]) ? fmtDay(match[i + 1]) : match[i + 1];
    });
    return t(`console.survey.msg.${key}`, vars);
  }
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

// Parent paths of "questions[2].options[1].id": questions[2].options[1], questions[2].options, questions[2], questions.
function parents(path) {
  const out = [];
  let rest = path;
  for (;;) {
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    if (cut <= 0) break;
    rest = rest.slice(0, cut);
    out.push(rest);
  }
  return out;
}

// Show the server's field errors next to the nearest field of the form that
// carries the path (data-field), translated; the rest goes in the summary.
export function showFieldErrors(form, err, { prefix = '' } = {}) {
  const fields = {};
  for (const [path, message] of Object.entries(err.fields || {})) {
    const full = prefix + path;
    const target = [full, ...parents(full)].find((p) => form.querySelector(`[data-field="${CSS.escape(p)}"]`)) || full;
    const text = fieldMessage(message);
    fields[target] = fields[target] ? `${fields[target]} ${text}` : text;
  }
  for (const path of Object.keys(fields)) {
    // A field inside a closed <details> must be visible to take the error.
    const wrap = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
    const details = wrap?.closest('details');
    if (details) details.open = true;
  }
  showErrors(form, { code: err.code, message: err.message, fields });
}

export { clearErrors };

// An SVG the API renders (charts, QR codes), parsed as XML and imported: never
// as HTML. Scripts, event handlers and foreign content are dropped on the way.
export function svgNode(markup, { label, cls } = {}) {
  const doc = new DOMParser().parseFromString(String(markup || ''), 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || doc.querySelector('parsererror')) {
    return h('p', { class: 'muted' }, t('console.survey.svgMissing'));
  }
  for (const el of root.querySelectorAll('script, foreignObject, iframe, a')) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name) || attr.name === 'style') el.removeAttribute(attr.name);
    }
  }
  const node = document.importNode(root, true);
  node.removeAttribute('width');
  node.removeAttribute('height');
  node.setAttribute('focusable', 'false');
  if (label) {
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', label);
    node.removeAttribute('aria-labelledby');
  }
  if (cls) node.setAttribute('class', cls);
  return node;
}

// Heading, survey context and the section navigation of a survey page.
export function surveyHeader(view, key, { title } = {}) {
  const survey = view.survey;
  const links = SECTIONS.map((section) => h('li', {},
    h('a', { href: surveyPath(survey.id, section.key), 'aria-current': section.key === key ? 'page' : null },
      t(`console.survey.section.${section.key}`))));
  return [
    h('p', { class: 'sv-back sv-noprint' }, h('a', { class: 'back', href: BASE }, t('console.survey.backToList'))),
    h('h1', {}, title || t(`console.survey.section.${key}.title`)),
    h('p', { class: 'sv-context' },
      h('span', { class: 'sv-context-title' }, tx(survey.title)), ' ',
      h('span', { class: 'sv-context-meta' },
        t('console.survey.waveN', { wave: survey.wave }), ' · ', period(survey), ' · '),
      stateBadge(survey.status, view.availability)),
    h('nav', { class: 'sv-tabs sv-noprint', 'aria-label': t('console.survey.sectionsLabel') }, h('ul', {}, links)),
  ];
}

// A short-lived status line for screen readers ("Frage nach oben verschoben").
export function liveRegion() {
  const el = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  el.say = (text) => {
    el.textContent = '';
    setTimeout(() => { el.textContent = text; }, 50);
  };
  return el;
}

export function slugify(text, max = 40) {
  return String(text || '')
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

// A random id for a paper batch (the server's idempotency key for it).
export function randomId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}-${today().replace(/-/g, '')}-${hex}`;
}

let uid = 0;
export const nextId = (name) => `sv-${name}-${(uid += 1)}`;

// A labelled control not made by forms.js (select, number, date ...), wrapped
// like forms.js fields so showErrors finds it by its data-field path.
export function control({ name, label, hint, el, cls = '' }) {
  const id = el.id || nextId(name.replace(/\W+/g, '-'));
  el.id = id;
  if (!el.name) el.name = name;
  if (hint) el.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: `field ${cls}`.trim(), 'data-field': name },
    h('label', { for: id }, label),
    hint && h('p', { id: `${id}-hint`, class: 'hint' }, hint),
    el,
  );
}

export function select(options, value, attrs = {}) {
  return h('select', attrs, options.map(([v, text]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, text)));
}

// Offices (public town data) and service categories: the admin's town document
// names them; other staff get the ids used by the booking catalogue.
let originsPending = null;
export function loadOrigins() {
  originsPending ??= (async () => {
    const town = await api.get('/api/town');
    const offices = (town.offices || []).map((o) => ({ id: o.id, name: o.name }));
    let categories = [];
    try {
      const { document: doc } = await api.get('/api/admin/town');
      categories = (doc.service_categories || []).map((c) => ({ id: c.id, name: c.name }));
    } catch {
      try {
        const catalogue = await api.get('/api/booking/catalogue');
        const ids = [...new Set((catalogue.services || []).map((s) => s.category).filter(Boolean))];
        categories = ids.map((id) => ({
          id,
          name: (catalogue.services || []).filter((s) => s.category === id).map((s) => tx(s.name)).join(', '),
          inferred: true,
        }));
      } catch {
        categories = [];
      }
    }
    return { offices, categories };
  })().catch((err) => {
    originsPending = null;
    throw err;
  });
  return originsPending;
}

// Form to copy a survey as the next wave of its series.
export function cloneForm(view, { onCancel, onCreated } = {}) {
  const survey = view.survey;
  const length = Math.max(0, daysBetween(survey.opens, survey.closes));
  const start = [today(), addDays(survey.closes, 1)].sort().at(-1);
  const suggestion = (() => {
    const base = survey.series.slice(0, 30);
    return `${base}-welle-${survey.wave + 1}`.slice(0, 40);
  })();
  const headingId = nextId('clone');
  const form = h('form', { class: 'form sv-clone', novalidate: true, 'aria-labelledby': headingId });
  const idInput = h('input', { type: 'text', value: suggestion, required: true, autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'none', maxlength: 40 });
  const opens = h('input', { type: 'date', value: start, required: true, autocomplete: 'off' });
  const closes = h('input', { type: 'date', value: addDays(start, length), required: true, autocomplete: 'off' });
  form.append(
    h('h2', { id: headingId, tabindex: '-1' }, t('console.survey.clone.title')),
    h('p', {}, t('console.survey.clone.text', { wave: survey.wave + 1 })),
    control({ name: 'id', label: t('console.survey.clone.id'), hint: t('console.survey.idHint'), el: idInput }),
    h('div', { class: 'sv-pair' },
      control({ name: 'opens', label: t('console.survey.opens'), el: opens }),
      control({ name: 'closes', label: t('console.survey.closes'), el: closes })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button' }, t('console.survey.clone.submit')),
      onCancel && h('button', { type: 'button', class: 'button button-secondary', onclick: onCancel }, t('action.cancel'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    const body = { id: idInput.value.trim(), opens: opens.value, closes: closes.value };
    const missing = {};
    if (!SLUG.test(body.id)) missing.id = t('console.survey.msg.slug');
    if (!body.opens) missing.opens = t('console.survey.msg.date');
    if (!body.closes) missing.closes = t('console.survey.msg.date');
    if (Object.keys(missing).length) {
      showErrors(form, { message: t('form.check'), fields: missing });
      return;
    }
    form.dataset.busy = '1';
    form.setAttribute('aria-busy', 'true');
    try {
      const created = await api.post(apiPath(survey.id, '/clone'), body);
      clearErrors(form);
      onCreated?.(created);
      navigate(surveyPath(created.survey.id, 'edit') + '?neu=welle');
    } catch (err) {
      // Waves count on from the copied one: an older wave's next number may be taken already.
      if (err.code === 'wave_exists') showErrors(form, { message: t('console.survey.error.wave_exists', { wave: survey.wave + 1 }) });
      else showFieldErrors(form, err);
    } finally {
      delete form.dataset.busy;
      form.removeAttribute('aria-busy');
    }
  });
  form.focusHeading = () => form.querySelector('h2').focus();
  return form;
}

export function shortUrl(url) {
  return String(url).replace(/^https?:\/\//, '').replace(/^www\./, '');
}

// The public link's QR code as the API renders it (SVG), for screen and print.
export function qrImage(view, cls = 'sv-qr-img') {
  return h('img', { class: cls, src: apiPath(view.survey.id, '/qr.svg'), width: 280, height: 280,
    alt: t('console.survey.qrAlt', { url: shortUrl(view.public_url) }) });
}

export function copyButton(text) {
  const status = h('span', { class: 'sv-copy-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'button button-small button-secondary', onclick: async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = t('console.survey.copied');
    } catch {
      status.textContent = t('console.survey.copyFailed');
    }
  } }, t('console.survey.copy'));
  return [button, status];
}
