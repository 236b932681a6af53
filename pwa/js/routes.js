// Citizen app routes. A route names a module under js/ whose default export
// renders it: view(ctx) -> Node, with ctx = { route, params, query, town }.
// Pages of the shell live in views/, each capability in its own folder
// (booking/, survey/, documents/; later queue/) with index.js as its entry.
// areas: message files (i18n/<lang>/<area>.json) its views need besides "common".
// To ship a feature, write <feature>/index.js and point its route at it.
export const ROUTES = [
  { path: '/', view: 'views/home' },
  { path: '/umfrage/*', view: 'survey/index', feature: 'survey', areas: ['survey'] },
  { path: '/termin/*', view: 'booking/index', feature: 'booking', areas: ['booking'] },
  { path: '/wartemarke/*', view: 'queue/index', feature: 'queue', areas: ['queue'] },
  { path: '/dokumente/*', view: 'documents/index', feature: 'documents', areas: ['documents'] },
  { path: '/kontakt', view: 'views/contact' },
  { path: '/impressum', view: 'views/legal', doc: 'impressum' },
  { path: '/datenschutz', view: 'views/legal', doc: 'privacy' },
  { path: '/barrierefreiheit', view: 'views/legal', doc: 'accessibility' },
];

export const NOT_FOUND = { path: '', view: 'views/notfound' };
