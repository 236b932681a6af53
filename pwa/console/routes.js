// Staff console routes. roles: who may open it (null = every signed-in user);
// nav: message key of its navigation entry (none = not in the navigation);
// sections not built yet use the 'placeholder' view, which says so.
// areas: message files (i18n/<lang>/<area>.json) its views need besides "common" and "console".
// view: the module under console/ (views/ for the shell's pages, one folder per capability:
// surveys/, appointments/, settings/). To build a section, write its module and point its route at it.
export const ROUTES = [
  { path: '/console/', view: 'views/overview', roles: null, nav: 'console.nav.overview', areas: ['console-account'] },
  { path: '/console/termine/:tab?', view: 'appointments/index', roles: ['office'], nav: 'console.nav.appointments', areas: ['console-office'] },
  { path: '/console/warteschlange', view: 'queue/index', roles: ['office'], nav: 'console.nav.queue', areas: ['console-queue'] },
  { path: '/console/warteschlange/einstellungen', view: 'queue/settings', roles: ['admin'], areas: ['console-queue'] },
  { path: '/console/warteschlange/statistik', view: 'queue/stats', roles: ['office'], areas: ['console-queue'] },
  { path: '/console/dokumente/beleg/:ref', view: 'documents/receipt', roles: ['office'], areas: ['console-documents'] },
  { path: '/console/dokumente/:tab?', view: 'documents/index', roles: ['office'], nav: 'console.nav.documents', areas: ['console-documents'] },
  { path: '/console/umfragen', view: 'surveys/list', roles: ['survey'], nav: 'console.nav.surveys', areas: ['console-surveys'] },
  { path: '/console/umfragen/neu', view: 'surveys/editor', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id', view: 'surveys/editor', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/veroeffentlichen', view: 'surveys/publish', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/plakat', view: 'surveys/poster', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/besuch', view: 'surveys/visit', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/papier', view: 'surveys/paper', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/fragebogen', view: 'surveys/paperform', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/ergebnisse', view: 'surveys/results', roles: ['survey'], areas: ['console-surveys', 'console-survey-results'] },
  { path: '/console/umfragen/:id/freitexte', view: 'surveys/freetext', roles: ['survey'], areas: ['console-surveys', 'console-survey-results'] },
  { path: '/console/umfragen/:id/bericht', view: 'surveys/report', roles: ['survey'], areas: ['console-surveys', 'console-survey-results'] },
  { path: '/console/umfragen/:id/verlosung', view: 'surveys/raffle', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/benutzer', view: 'views/users', roles: ['admin'], nav: 'console.nav.users', areas: ['console-admin'] },
  { path: '/console/einstellungen', view: 'settings/index', roles: ['admin'], nav: 'console.nav.settings', areas: ['console-admin'] },
  { path: '/console/buergerbueros', view: 'settings/offices', roles: ['admin'], nav: 'console.catalogue.nav', areas: ['console-admin'] },
  { path: '/console/protokoll', view: 'views/audit', roles: ['admin'], nav: 'console.nav.audit', areas: ['console-admin'] },
  { path: '/console/aufgaben', view: 'views/jobs', roles: ['admin'], nav: 'console.nav.jobs', areas: ['console-admin'] },
  { path: '/console/postausgang/:id?', view: 'views/outbox', roles: ['admin'], nav: 'console.nav.outbox', areas: ['console-admin'] },
  { path: '/console/passwort', view: 'views/password', roles: null, areas: ['console-account'] },
];

export const ROLES = ['admin', 'office', 'survey'];

export function allowed(route, user) {
  return !route.roles || route.roles.some((role) => user.roles.includes(role));
}

// The address of a route for links (drops optional parameters).
export function href(route) {
  return route.path.replace(/\/:\w+\?$/, '');
}
