// Citizen surveys under /umfrage; /umfrage/<id> shows one question with its
// follow-ups per step, the draft in sessionStorage. Small for the first load:
// input, checks and sending are in done.js (loaded with the first input).
import { api } from '../api.js';
import { h } from '../dom.js';
import { lang, t } from '../i18n.js';
import { asked, progress } from './numbers.js';
import { cards, keep, tx } from './parts.js';

export const later = () => import('./done.js');
const pages = () => import('./pages.js');
let sheet;

export default async function survey(ctx) {
  sheet ??= new Promise((done) => {
    document.head.append(h('link', { rel: 'stylesheet', href: '/css/survey.css', onload: done, onerror: done }));
  });
  const [id, sub] = (ctx.params.rest || '').split('/');
  return (await Promise.all([id && !sub ? open(ctx, id) : pages().then((m) => m.default(ctx, id, sub, open)), sheet]))[0];
}

export async function open(ctx, id) {
  const visit = ctx.query.get('besuch') || undefined;
  // answers waiting in the outbox, or sent before
  const early = (keep('local', 'survey-outbox') || keep('local', `survey-done:${id}`)) && await (await later()).early(id, visit);
  if (early) return early;
  const key = `survey:${id}`;
  let data;
  try {
    data = await api.get(`/api/public/surveys/${encodeURIComponent(id)}${visit ? `?visit=${encodeURIComponent(visit)}` : ''}`);
    keep('session', key, data);
  } catch (err) {
    data = !err.status && keep('session', key); // offline reload
    if (!data) return (await pages()).problem(err, id);
  }
  if (data.visit?.valid === false) return (await pages()).problem({ code: 'visit_token_used' }, id);
  return steps(data, { id, visit, source: ctx.query.get('quelle') });
}

let scales = null;
const basic = (q) => /single|multi|yesno/.test(q.type);

// A fieldset of cards, or a labelled textarea; a follow-up not asked is hidden.
function question(q, answer, sub, hidden) {
  const id = `q-${q.id}`;
  const text = q.type === 'text';
  const hint = q.help && h('p', { class: 'hint', id: `${id}-hint` }, tx(q.help));
  const title = h(sub ? 'h3' : 'h2', { tabindex: -1 }, text ? h('label', { for: `${id}-in` }, tx(q.label)) : tx(q.label),
    q.required && h('span', { class: 'sv-req' }, ` (${t('survey.required')})`));
  const controls = !basic(q) ? scales.controls(q, answer, id, hint)
    : cards(q, answer, q.type === 'yesno' ? [[true, t('survey.yes')], [false, t('survey.no')]] : q.options.map((o) => [o.id, tx(o.label)]));
  const attrs = { class: `sv-q sv-${q.type}`, id, hidden, 'data-q': q.id };
  return text ? h('div', attrs, title, hint, controls)
    : h('fieldset', { ...attrs, 'aria-describedby': hint && hint.id }, h('legend', {}, title), hint, controls);
}

async function steps(data, sub) {
  const s = data.survey;
  const draftKey = `survey-draft:${sub.id}:${sub.visit || ''}`;
  const draft = keep('session', draftKey) || {};
  const groups = s.questions.filter((q) => !q.show_if).map((q) => [q, ...s.questions.filter((f) => f.show_if?.question_id === q.id)]);
  let done; // one promise, so that events are handled in order
  const on = (event) => {
    event.preventDefault();
    (done ??= later()).then((m) => m.on(run, event));
  };
  const intro = h('div', {}, h('p', { class: 'lead lines' }, tx(s.intro)),
    h('details', { class: 'sv-privacy' }, h('summary', {}, t('survey.privacy')), h('p', { class: 'lines' }, tx(s.privacy))));
  const count = h('p', { class: 'sv-count' });
  const bar = h('progress', { max: groups.length, 'aria-hidden': 'true' });
  const body = h('div');
  const next = h('button', { class: 'button' });
  const back = h('button', { type: 'button', class: 'button button-secondary', onclick: on }, t('survey.back'));
  // The survey in progress; done.js handles its events.
  const run = {
    ...sub,
    data,
    draftKey,
    groups,
    answers: draft.a || {},
    byId: Object.fromEntries(s.questions.map((q) => [q.id, q])),
    form: h('form', { class: 'sv-form', novalidate: true, onsubmit: on, oninput: on, onchange: on },
      count, bar, body, h('div', { class: 'actions' }, next, back)),
    blocks: () => [...body.querySelectorAll('[data-q]')],
    // "Frage x von N" over the questions that apply; a follow-up switched on or off changes N.
    count() {
      const { n, total } = progress(groups.flat(), run.answers, groups[run.at][0]);
      count.textContent = t('survey.progress', { n, total });
      bar.max = total;
      bar.value = n;
    },
    async show(at) {
      if (!scales && !groups[at].every(basic)) {
        scales = await import('./scales.js');
        await scales.ready;
      }
      run.at = at;
      intro.hidden = at > 0;
      run.count();
      body.replaceChildren(...groups[at].map((q, i) => question(q, run.answers[q.id], i, !asked(q, run.answers))));
      back.hidden = !at;
      next.textContent = t(at < groups.length - 1 ? 'survey.next' : 'survey.send');
    },
  };
  await run.show(Math.min(draft.s || 0, groups.length - 1));
  return h('div', { class: 'view' }, h('h1', {}, tx(s.title)), intro, run.form);
}
