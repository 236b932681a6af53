// Page chrome shared by the citizen app and the console: putting a view on
// screen, the language switch, the error view.
import { h, icon } from './dom.js';
import { LANGUAGES, has, nextLang, setLang, t } from './i18n.js';

let viewShown;
const firstView = new Promise((resolve) => {
  viewShown = resolve;
});

// Replace the main content with a view. Every view has exactly one h1; it
// names the page title and, after a navigation, receives the focus.
export function mountView(main, node, { focus = false, site = t('app.name') } = {}) {
  main.replaceChildren(node);
  main.removeAttribute('aria-busy');
  viewShown();
  const heading = main.querySelector('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  document.title = `${heading.textContent} – ${site}`;
  if (focus) {
    window.scrollTo(0, 0);
    heading.focus();
  }
}

// Town name and logo in the page chrome. A short logo text (initials) goes in
// the badge; a longer one is already in the name, so the badge shows a town hall.
export function showTown(town) {
  for (const el of document.querySelectorAll('[data-town-name]')) el.textContent = town.name;
  const logo = town.logo_text || '';
  for (const el of document.querySelectorAll('[data-town-logo]')) {
    el.replaceChildren(logo && logo.length <= 3 ? logo : icon('townhall', 'icon logo-icon'));
  }
}

// The skip link moves the focus itself: following "#main" alone only moves
// the reading position in some browsers.
export function setupSkipLink(main) {
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
}

export function setupLanguageSwitch(button) {
  const label = () => {
    const next = nextLang();
    button.textContent = LANGUAGES[next].name;
    button.lang = next;
  };
  label();
  button.hidden = false;
  button.addEventListener('click', () => setLang(nextLang()));
  document.addEventListener('langchange', label);
}

// The text for an API error: a translation of its code where the message files
// have one ("error.<code>"), otherwise the server's message.
export function errorText(err) {
  if (err?.code && has(`error.${err.code}`)) return t(`error.${err.code}`);
  return err?.message || t('error.generic');
}

export function errorView(err, retry) {
  return h('div', { class: 'view' },
    h('h1', {}, t('error.title')),
    h('p', { class: 'notice notice-error' }, errorText(err)),
    h('p', {}, h('button', { type: 'button', class: 'button', onclick: retry }, t('action.retry'))),
  );
}

// After the page has loaded and its first view is on screen: the worker's
// precache never competes with what the first view needs.
export function registerWorkerLater() {
  if (!('serviceWorker' in navigator)) return;
  const start = () => firstView.then(() => import('./sw-register.js')).then((m) => m.registerServiceWorker());
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
