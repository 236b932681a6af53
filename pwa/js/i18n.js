// UI messages, per language and area: /i18n/<code>/<area>.json with flat keys
// ("area.thing"), each key in exactly one area. "common" is always loaded; a route
// names the areas its views need (routes.js) and they load before it renders.
// To add a language: add its folder and list it here.
export const LANGUAGES = {
  de: { name: 'Deutsch', locale: 'de-DE' },
  en: { name: 'English', locale: 'en-GB' },
};
export const DEFAULT_LANG = 'de';

const STORAGE_KEY = 'lang';
let current = DEFAULT_LANG;
let messages = {};
const wanted = new Set(['common']);
const tables = new Map(); // "de/booking" -> Promise of its messages

export function lang() {
  return current;
}

export function locale() {
  return LANGUAGES[current].locale;
}

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function loadArea(code, area) {
  const name = `${code}/${area}`;
  if (!tables.has(name)) {
    tables.set(name, fetch(`/i18n/${name}.json`).then((res) => {
      if (!res.ok) throw new Error(`messages ${name}: ${res.status}`);
      return res.json();
    }).catch((err) => {
      tables.delete(name);
      throw err;
    }));
  }
  return tables.get(name);
}

async function load(code) {
  return Object.assign({}, ...await Promise.all([...wanted].map((area) => loadArea(code, area))));
}

// Load the areas a view needs (in the current language) before rendering it.
// Renders that follow wait for a load still under way; a failed load is tried again,
// with the next render also the areas a module asked for in vain (needs below).
let ready = Promise.resolve();
const missing = new Set();
export function useAreas(areas = []) {
  const added = [...new Set([...areas, ...missing])].filter((area) => !wanted.has(area));
  if (!added.length) return ready;
  for (const area of added) wanted.add(area);
  const code = current;
  const attempt = load(code).then((loaded) => {
    if (code === current) messages = loaded;
    for (const area of added) missing.delete(area);
  }, (err) => {
    for (const area of added) wanted.delete(area);
    throw err;
  });
  ready = attempt.catch(() => {});
  return attempt;
}

// A module loaded on demand names the areas only it uses at its top:
// `await needs(['booking-more']);`. Never rejects: a module whose evaluation failed
// would stay failed until the page reloads; a view shown without its messages gets
// them with its next render instead.
export function needs(areas) {
  return useAreas(areas).catch(() => {
    for (const area of areas) missing.add(area);
  });
}

// Load the remembered (or default) language with the areas the first page needs;
// call once before rendering.
export async function initI18n(areas = []) {
  for (const area of areas) wanted.add(area);
  const code = stored();
  await setLang(code in LANGUAGES ? code : DEFAULT_LANG, false);
}

// Switch language: loads messages, sets <html lang>, re-translates static
// markup and fires a "langchange" event on document so views can re-render.
export async function setLang(code, remember = true) {
  if (!(code in LANGUAGES)) code = DEFAULT_LANG;
  messages = await load(code);
  current = code;
  document.documentElement.lang = code;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, code);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  translateStatic(document);
  document.dispatchEvent(new CustomEvent('langchange', { detail: code }));
}

// The language the switch button offers next.
export function nextLang() {
  const codes = Object.keys(LANGUAGES);
  return codes[(codes.indexOf(current) + 1) % codes.length];
}

// t('home.title'), t('login.locked', { count: 5 }) -> "login.locked.one|other".
// Placeholders look like {name}. A missing key shows the key itself.
export function t(key, vars) {
  let msg = messages[key];
  if (vars && typeof vars.count === 'number') {
    const form = new Intl.PluralRules(locale()).select(vars.count);
    msg = messages[`${key}.${form}`] ?? messages[`${key}.other`] ?? msg;
  }
  if (msg == null) return key;
  return vars ? msg.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : msg;
}

export function has(key) {
  return key in messages;
}

// Pick the current language from a {"de": ..., "en": ...} value of the town data.
export function localized(value) {
  if (value == null || typeof value === 'string') return value ?? '';
  return value[current] ?? value[DEFAULT_LANG] ?? Object.values(value)[0] ?? '';
}

// Static markup: data-i18n="key" sets the text, data-i18n-label="key" the aria-label.
export function translateStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

// In the town's time zone, whatever the device's.
export function formatDateTime(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Berlin', ...options }).format(date);
}
