// Staff console entry: session, role-aware navigation, views on demand.
import { api } from '../js/api.js';
import { h } from '../js/dom.js';
import { initI18n, t, useAreas } from '../js/i18n.js';
import { matchRoute, navigate, startRouter } from '../js/router.js';
import { errorView, mountView, registerWorkerLater, setupLanguageSwitch, setupSkipLink, showTown } from '../js/shell.js';
import { loadTown } from '../js/town.js';
import { ROUTES, allowed, href } from './routes.js';

const main = document.getElementById('main');
const nav = document.getElementById('console-nav');
const userbar = document.getElementById('userbar');
// changeTicket: from the login answer, lets a forced first password change skip the password just typed.
const state = { user: null, notice: null, started: false, changeTicket: null };
let sequence = 0;

// Styles of one section, loaded with its messages (a sign-in loads neither).
const AREA_STYLES = {
  'console-surveys': '/css/console-survey.css',
  'console-office': '/css/console-office.css',
  'console-queue': '/css/queue.css',
  'console-documents': '/css/console-documents.css',
};
const styles = new Map();
function useStyles(areas = []) {
  return Promise.all(areas.filter((area) => area in AREA_STYLES).map((area) => {
    if (!styles.has(area)) {
      styles.set(area, new Promise((resolve) => {
        document.head.append(h('link', { rel: 'stylesheet', href: AREA_STYLES[area], onload: resolve, onerror: resolve }));
      }));
    }
    return styles.get(area);
  }));
}

// What views may ask of the session.
const session = {
  signedIn(user, changeTicket = null) {
    state.user = user;
    state.notice = null;
    state.changeTicket = changeTicket;
    render(location.pathname, { focus: true });
  },
  changeTicket() {
    return state.changeTicket;
  },
  ticketRefused() {
    state.changeTicket = null;
    state.notice = 'password.ticketExpired';
    render(location.pathname, { focus: true });
  },
  passwordChanged() {
    state.changeTicket = null;
    state.user = { ...state.user, must_change_password: false };
    state.notice = 'password.changed';
    navigate('/console/');
  },
  async logout() {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // the session ends on the server at the latest when it expires
    }
    state.user = null;
    state.notice = 'console.loggedOut';
    navigate('/console/', { replace: true });
  },
  takeNotice() {
    const notice = state.notice;
    state.notice = null;
    return notice;
  },
};

function choose(path) {
  if (!state.user) return { route: { view: 'views/login' }, params: {} };
  if (state.user.must_change_password) return { route: { view: 'views/password', forced: true, areas: ['console-account'] }, params: {} };
  const found = matchRoute(ROUTES, path);
  if (!found) return { route: { view: 'views/notfound' }, params: {} };
  if (!allowed(found.route, state.user)) return { route: { view: 'views/forbidden' }, params: {} };
  return found;
}

function renderChrome(found) {
  const user = state.user;
  const open = Boolean(user && !user.must_change_password);
  userbar.hidden = !user;
  nav.hidden = !open;
  if (user) document.getElementById('user-name').textContent = user.display_name || user.username;
  if (!open) return nav.replaceChildren();
  const items = ROUTES.filter((route) => route.nav && allowed(route, user)).map((route) => h('li', {},
    h('a', { href: href(route), 'aria-current': route === found.route ? 'page' : null }, t(route.nav))));
  // Narrow screens fold the list behind a "Menü" button; wide screens show it beside the content.
  const toggle = h('button', { type: 'button', class: 'button button-secondary nav-toggle', 'aria-expanded': 'false',
    'aria-controls': 'console-nav-list' }, t('console.menu'));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
  nav.classList.remove('open');
  return nav.replaceChildren(toggle, h('ul', { id: 'console-nav-list' }, items));
}

async function render(path, { focus = false } = {}) {
  const current = ++sequence;
  const found = choose(path);
  renderChrome(found);
  main.setAttribute('aria-busy', 'true');
  try {
    const [module] = await Promise.all([
      import(`./${found.route.view}.js`), useAreas(found.route.areas), useStyles(found.route.areas)]);
    const node = await module.default({ ...found, query: new URLSearchParams(location.search), user: state.user, session });
    if (current !== sequence) return;
    mountView(main, node, { focus, site: t('console.title') });
  } catch (err) {
    if (current !== sequence || err?.status === 401) return; // a 401 re-renders with the login
    mountView(main, errorView(err, () => render(location.pathname, { focus: true })), { focus });
  }
}

await initI18n(['console']);
setupLanguageSwitch(document.getElementById('lang-switch'));
setupSkipLink(main);
document.getElementById('logout').addEventListener('click', () => session.logout());
document.addEventListener('langchange', () => render(location.pathname));
document.addEventListener('api:unauthorized', () => {
  if (state.user) state.notice = 'console.expired';
  state.user = null;
  if (state.started) render(location.pathname, { focus: true });
});
loadTown().then(showTown, () => {});

// Asking whether someone is signed in is not an error: the session endpoint answers 200 either
// way, and a refresh is tried only when the server says the refresh cookie still works.
async function start() {
  try {
    const current = await api.get('/api/auth/session');
    if (current.signed_in) state.user = current.user;
    else if (current.can_refresh) state.user = (await api.post('/api/auth/refresh')).user;
  } catch (err) {
    if (err.status !== 401) {
      mountView(main, errorView(err, () => location.reload()));
      return;
    }
  }
  state.started = true;
  startRouter({ handles: (pathname) => pathname === '/console' || pathname.startsWith('/console/'), render });
}

await start();
registerWorkerLater();
