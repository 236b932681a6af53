// The other survey pages: /umfrage (which survey?), /umfrage/<id>/gewinner (the
// public winners list), /umfrage/<id>/ergebnisse (public results with the
// charts the API draws) and the pages for closed, unknown or used links.
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatDateTime, lang, locale, needs, t } from '../i18n.js';
import { keep, tx } from './parts.js';
import notFound from '../views/notfound.js';

await needs(['survey-end']);

const view = (title, ...content) => h('div', { class: 'view' }, h('h1', {}, title), ...content);
const home = () => h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home')));
const day = (iso) => formatDateTime(`${iso}T12:00:00`, { dateStyle: 'long' });
const base = (id) => `/api/public/surveys/${encodeURIComponent(id)}`;

// open(ctx, id): survey.js's own step view, handed in so that this module does not import it back.
export default function page(ctx, id, sub, open) {
  if (!id) return index(ctx, open);
  if (sub === 'gewinner') return winners(id);
  if (sub === 'ergebnisse') return results(id);
  return notFound();
}

// /umfrage: the one open survey directly, or the list of open ones.
async function index(ctx, open) {
  const { surveys } = await api.get('/api/public/surveys');
  if (surveys.length === 1) {
    history.replaceState(null, '', `/umfrage/${encodeURIComponent(surveys[0].id)}`);
    return open(ctx, surveys[0].id);
  }
  if (!surveys.length) {
    return view(t('feature.survey.title'), h('p', { class: 'lead' }, t('survey.noneOpen')), home());
  }
  return view(t('feature.survey.title'),
    h('p', { class: 'lead' }, t('survey.chooseOne')),
    h('ul', { class: 'survey-list' }, surveys.map((s) => h('li', {},
      h('a', { href: `/umfrage/${encodeURIComponent(s.id)}` }, tx(s.title)),
      ' ', h('span', { class: 'muted' }, t('survey.openUntil', { date: day(s.closes) }))))),
    home());
}

// A closed, not yet open, unknown survey or a used visit link; other errors go to the app's error page.
export function problem(err, id) {
  // The dates come with the 409 answer; a copy loaded earlier in this tab also has them.
  const dates = err.details?.opens ? err.details : keep('session', `survey:${id}`)?.survey || {};
  if (err.code === 'survey_closed' || err.code === 'survey_not_open') {
    const key = err.code === 'survey_closed' ? 'survey.closed' : 'survey.notOpen';
    const when = dates.opens && t(`${key}Dates`, { opens: day(dates.opens), closes: day(dates.closes) });
    // The raffle's consent text promises a public winners list: a closed survey links to it.
    const winnersLink = err.code === 'survey_closed' && (err.details?.raffle || dates.raffle)
      && h('p', {}, h('a', { href: `/umfrage/${encodeURIComponent(id)}/gewinner` }, t('survey.winnersLink')));
    return view(t(key), dates.title && h('p', { class: 'lead' }, tx(dates.title)), h('p', {}, when || t(`${key}Text`)),
      winnersLink, home());
  }
  if (err.code === 'visit_token_used') return view(t('survey.visitUsed'), h('p', { class: 'lead' }, t('survey.visitUsedText')), home());
  if (err.status === 404) return view(t('survey.notFound'), h('p', { class: 'lead' }, t('survey.notFoundText')), home());
  if (err.code === 'no_raffle') return view(t('survey.winnersTitle'), h('p', { class: 'lead' }, t('survey.noRaffle')), home());
  throw err;
}

async function winners(id) {
  let data;
  try {
    data = await api.get(`${base(id)}/winners`);
  } catch (err) {
    return problem(err, id);
  }
  const list = data.winners;
  let text = t('survey.winnersNotYet');
  if (list.length) text = t('survey.winnersText', { date: day(data.publication_end) });
  else if (data.drawn) text = t(new Date() > new Date(`${data.publication_end}T23:59:59`) ? 'survey.winnersOver' : 'survey.winnersNone');
  return view(t('survey.winnersTitle'),
    h('p', { class: 'lead' }, text),
    list.length > 0 && h('ul', {}, list.map((name) => h('li', {}, name))),
    home());
}

// A chart the API rendered, parsed as SVG (never as HTML). On narrow screens it
// keeps its size and scrolls sideways, so the scrolling box takes the focus.
function chart(svg, label) {
  const el = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  return el.localName === 'svg'
    && h('div', { class: 'sv-chart', tabindex: 0, role: 'region', 'aria-label': label }, document.importNode(el, true));
}

function figure(q) {
  const number = (v) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(v);
  let note = '';
  if (q.type === 'rating' && q.mean != null) note = t('survey.mean', { mean: number(q.mean) });
  if (q.type === 'nps' && q.nps != null) note = t('survey.nps', { nps: number(q.nps) });
  return h('section', {},
    h('h2', {}, q.label),
    h('p', { class: 'muted' }, t('survey.answered', { count: q.answered }), note && ` · ${note}`),
    chart(q.chart_svg, q.label));
}

async function results(id) {
  let data;
  try {
    data = await api.get(`${base(id)}/results?lang=${lang()}`);
  } catch (err) {
    if (err.code !== 'results_not_public') return problem(err, id);
    return view(t('survey.resultsTitle'), h('p', { class: 'lead' }, t('survey.resultsNotPublic')), home());
  }
  await (await import('./scales.js')).ready; // the charts' styles
  return view(data.title,
    h('p', { class: 'lead' }, t('survey.resultsLead', { count: data.n })),
    data.questions.map(figure),
    data.excerpts.length > 0 && h('section', {},
      h('h2', {}, t('survey.excerpts')),
      h('ul', {}, data.excerpts.map((x) => h('li', {}, h('blockquote', {}, x.text), h('p', { class: 'muted' }, x.label))))),
    home());
}
