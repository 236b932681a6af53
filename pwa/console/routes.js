// Staff console routes. roles: who may open it (null = every signed-in user);
// nav: message key of its navigation entry (none = not in the navigation);
// sections not built yet use the 'placeholder' view, which says so.
// areas: message files (i18n/<lang>/<area>.json) its views need besides "common" and "console".
// To build a section, write views/<name>.js and point its route at it.
export const ROUTES = [
  { path: '/console/', view: 'overview', roles: null, nav: 'console.nav.overview', areas: ['console-account'] },
  { path: '/console/termine/:tab?', view: 'office', roles: ['office'], nav: 'console.nav.appointments', areas: ['console-office'] },
  { path: '/console/warteschlange', view: 'placeholder', roles: ['office'], nav: 'console.nav.queue', area: 'queue' },
  { path: '/console/dokumente', view: 'placeholder', roles: ['office'], nav: 'console.nav.documents', area: 'documents' },
  { path: '/console/umfragen', view: 'survey-list', roles: ['survey'], nav: 'console.nav.surveys', areas: ['console-surveys'] },
  { path: '/console/umfragen/neu', view: 'survey-editor', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id', view: 'survey-editor', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/veroeffentlichen', view: 'survey-publish', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/plakat', view: 'survey-poster', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/besuch', view: 'survey-visit', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/papier', view: 'survey-paper', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/fragebogen', view: 'survey-paperform', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/umfragen/:id/ergebnisse', view: 'survey-results', roles: ['survey'], areas: ['console-surveys', 'console-survey-results'] },
  { path: '/console/umfragen/:id/freitexte', view: 'survey-freetext', roles: ['survey'], areas: ['console-surveys', 'console-survey-results'] },
  { path: '/console/umfragen/:id/bericht', view: 'survey-report', roles: ['survey'], areas: ['console-surveys', 'console-survey-results'] },
  { path: '/console/umfragen/:id/verlosung', view: 'survey-raffle', roles: ['survey'], areas: ['console-surveys'] },
  { path: '/console/benutzer', view: 'users', roles: ['admin'], nav: 'console.nav.users', areas: ['console-admin'] },
  { path: '/console/einstellungen', view: 'settings', roles: ['admin'], nav: 'console.nav.settings', areas: ['console-admin'] },
  { path: '/console/buergerbueros', view: 'settings-offices', roles: ['admin'], nav: 'console.catalogue.nav', areas: ['console-admin'] },
  { path: '/console/protokoll', view: 'audit', roles: ['admin'], nav: 'console.nav.audit', areas: ['console-admin'] },
  { path: '/console/aufgaben', view: 'jobs', roles: ['admin'], nav: 'console.nav.jobs', areas: ['console-admin'] },
  { path: '/console/postausgang/:id?', view: 'outbox', roles: ['admin'], nav: 'console.nav.outbox', areas: ['console-admin'] },
  { path: '/console/passwort', view: 'password', roles: null, areas: ['console-account'] },
];

export const ROLES = ['admin', 'office', 'survey'];

export function allowed(route, user) {
  return !route.roles || route.roles.some((role) => user.roles.includes(role));
}

// The address of a route for links (drops optional parameters).
export function href(route) {
  return route.path.replace(/\/:\w+\?$/, '');
}
