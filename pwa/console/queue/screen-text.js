// Texts of the standalone screens (call display, kiosk, live waiting page), which run without the
// app's shell: the same message files as the app (/i18n/<lang>/<area>.json, German first), read by
// this small loader. A screen in the waiting room or at the door shows German and, beside it,
// English in an element of its own (lang="en"); the live page for a website shows one language.
const tables = {};
const RETRY_SECONDS = 3;

async function fetchTable(lang, area) {
  for (;;) {
    try {
      const res = await fetch(`/i18n/${lang}/${area}.json`);
      if (res.ok) return res.json();
    } catch {
      // no network yet: a screen switched on before the network waits for its texts
    }
    await new Promise((resolve) => { setTimeout(resolve, RETRY_SECONDS * 1000); });
  }
}

export async function loadTexts(area, langs) {
  await Promise.all(langs.map(async (lang) => { tables[lang] = await fetchTable(lang, area); }));
}

// text('de', 'queueKiosk.left', { count: 3 }): placeholders {name}, plural forms key.one/key.other.
export function text(lang, key, vars) {
  const table = tables[lang] || {};
  let msg = table[key];
  if (vars && typeof vars.count === 'number') {
    const form = new Intl.PluralRules(lang).select(vars.count);
    msg = table[`${key}.${form}`] ?? table[`${key}.other`] ?? msg;
  }
  if (msg == null) return key;
  return vars ? msg.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : msg;
}

// German, a separator, then English in a span marked as English: the children of one element.
export function both(key, vars, separator = ' · ') {
  const english = document.createElement('span');
  english.lang = 'en';
  english.textContent = text('en', key, vars);
  return [text('de', key, vars), separator, english];
}

// Static markup: data-text="key" sets the text in the page's language, data-both="key" German
// and English (data-separator, default " · "), data-label="key" the aria-label.
export function fillStatic(lang, root = document) {
  for (const el of root.querySelectorAll('[data-text]')) el.textContent = text(lang, el.dataset.text);
  for (const el of root.querySelectorAll('[data-both]')) el.replaceChildren(...both(el.dataset.both, null, el.dataset.separator));
  for (const el of root.querySelectorAll('[data-label]')) el.setAttribute('aria-label', text(lang, el.dataset.label));
}
