// Citizen app routes. A route names a module in ./views/ whose default export
// renders it: view(ctx) -> Node, with ctx = { route, params, query, town }.
// areas: message files (i18n/<lang>/<area>.json) its views need besides "common".
// To ship a feature, write views/<feature>.js and point its route at it.
export const ROUTES = [
  { path: '/', view: 'home' },
  { path: '/umfrage/*', view: 'survey', feature: 'survey', areas: ['survey'] },
  { path: '/termin/*', view: 'booking', feature: 'booking', areas: ['booking'] },
  { path: '/wartemarke/*', view: 'soon', feature: 'queue' },
  { path: '/dokumente/*', view: 'soon', feature: 'documents' },
  { path: '/kontakt', view: 'contact' },
  { path: '/impressum', view: 'legal', doc: 'impressum' },
  { path: '/datenschutz', view: 'legal', doc: 'privacy' },
  { path: '/barrierefreiheit', view: 'legal', doc: 'accessibility' },
];

export const NOT_FOUND = { path: '', view: 'notfound' };
