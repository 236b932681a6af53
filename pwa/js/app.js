// Citizen app entry: language, town data, router, views on demand.
import { initI18n, t, useAreas } from './i18n.js';
import { loadTown } from './town.js';
import { matchRoute, startRouter } from './router.js';
import { NOT_FOUND, ROUTES } from './routes.js';
import { errorView, mountView, registerWorkerLater, setupLanguageSwitch, setupSkipLink, showTown } from './shell.js';

const main = document.getElementById('main');
let sequence = 0;

async function render(path, { focus = false } = {}) {
  const current = ++sequence;
  const found = matchRoute(ROUTES, path) ?? { route: NOT_FOUND, params: {} };
  main.setAttribute('aria-busy', 'true');
  try {
    const [town, module] = await Promise.all([loadTown(), import(`./${found.route.view}.js`), useAreas(found.route.areas)]);
    showTown(town);
    const node = await module.default({ ...found, town, query: new URLSearchParams(location.search) });
    if (current !== sequence) return;
    mountView(main, node, { focus, site: `${t('app.name')} ${town.short_name || town.name}` });
  } catch (err) {
    const retry = () => render(location.pathname, { focus: true });
    const offline = err?.code === 'network' && await import('./views/offline.js').catch(() => null);
    const node = offline ? offline.offlineView({ retry }) : errorView(err, retry);
    if (current !== sequence) return;
    mountView(main, node, { focus });
  }
}

await initI18n(matchRoute(ROUTES, location.pathname)?.route.areas);
setupLanguageSwitch(document.getElementById('lang-switch'));
setupSkipLink(main);
document.addEventListener('langchange', () => render(location.pathname));
startRouter({ handles: (pathname) => matchRoute(ROUTES, pathname) !== null, render });
registerWorkerLater();
// Renew push subscriptions of followed document orders (Chrome never fires pushsubscriptionchange).
try { if (localStorage.getItem('documents.mine')?.includes('"push":true')) import('./documents/resubscribe.js').then((m) => m.resubscribe()).catch(() => {}); } catch {}
// Send survey answers saved offline (survey pages do it themselves).
try {
  if (!location.pathname.startsWith('/umfrage') && localStorage.getItem('survey-outbox')) import('./outbox.js').then((m) => m.flush());
} catch {}
