// The survey's second half, loaded with the first answer: the checks the server
// also makes (required, length), sending through the outbox, and the pages after
// it: thanks with the raffle, "saved, sent when online", "already answered".
// `run` is the survey in progress, from steps() in survey.js.
import { h } from '../dom.js';
import { has, needs, t } from '../i18n.js';
import { add, flush, pending } from '../outbox.js';
import { errorText } from '../shell.js';
import { raffle } from './raffle.js';
import { chars, limit } from './scales.js';
import { asked } from './numbers.js';
import { keep } from './parts.js';

await needs(['survey-end']);

const view = (title, ...content) => h('div', { class: 'view' }, h('h1', {}, title), ...content);
const home = () => h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home')));
const empty = (v) => v == null || (Array.isArray(v) ? !v.length : typeof v === 'string' && !v.trim());

function problem(q, value) {
  if (empty(value)) return q.required ? t('survey.missing') : '';
  return q.type === 'text' && value.trim().length > limit(q) ? t('survey.tooLong', { max: limit(q) }) : '';
}

// Show (or clear) a question's error next to its heading: announced, and
// linked to the question with aria-describedby and aria-invalid.
function mark(block, message) {
  const errId = `${block.id}-err`;
  block.querySelector('.field-error')?.remove();
  block.classList.toggle('field-invalid', !!message);
  const target = block.querySelector('textarea') || block;
  const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== errId);
  if (message) {
    block.querySelector('legend, h2, h3').after(h('p', { class: 'field-error', id: errId, role: 'alert' },
      h('span', { class: 'sr-only' }, `${t('form.errorPrefix')} `), message));
    ids.push(errId);
  }
  for (const el of block.querySelectorAll('input, textarea')) {
    if (message) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
  if (ids.length) target.setAttribute('aria-describedby', ids.join(' '));
  else target.removeAttribute('aria-describedby');
}

// Check the shown questions of `blocks`; the first with an error gets the focus.
export function check(run, blocks) {
  let first = null;
  for (const block of blocks) {
    const q = run.byId[block.dataset.q];
    const message = block.hidden ? '' : problem(q, run.answers[q.id]);
    mark(block, message);
    if (message && !first) first = block;
  }
  first?.querySelector('input, textarea').focus();
  return !first;
}

// The answer in the API's form: option id(s), number, true/false or text.
function read(block, q) {
  const on = [...block.querySelectorAll(`[name="${q.id}"]`)].filter((el) => el.checked || q.type === 'text').map((el) => el.value);
  if (q.type === 'multi') return on;
  if (!on.length || q.type === 'text' || q.type === 'single') return on[0];
  return q.type === 'yesno' ? on[0] === 'true' : Number(on[0]);
}

// Step `at` on screen with the focus on its question, the draft kept for a reload.
async function go(run, at) {
  await run.show(at);
  run.form.querySelector('h2').focus();
  save(run);
}

const save = (run) => keep('session', run.draftKey, { a: run.answers, s: run.at });

// Events of the survey form: input, "Weiter"/"Absenden" (submit) and "Zurück" (click).
export function on(run, event) {
  const q = run.byId[event.target.name];
  if (event.type === 'click') {
    go(run, run.at - 1);
  } else if (event.type === 'submit') {
    if (!check(run, run.blocks())) return;
    if (run.at < run.groups.length - 1) go(run, run.at + 1);
    else send(run);
  } else if (q) {
    const block = event.target.closest('.sv-q');
    run.answers[q.id] = read(block, q);
    if (q.type === 'text') block.querySelector('.sv-n').textContent = chars(q, run.answers[q.id]);
    for (const b of run.blocks()) b.hidden = !asked(run.byId[b.dataset.q], run.answers);
    run.count();
    save(run);
    if (block.querySelector('.field-error')) check(run, [block]);
  }
}

// Field errors from the server ("answers.<id>") go to their question's step.
async function fail(run, fields) {
  const bad = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^answers\./, ''), v]));
  await go(run, Math.max(0, run.groups.findIndex((g) => g.some((q) => q.id in bad))));
  for (const block of run.blocks()) {
    if (block.dataset.q in bad) mark(block, t(/required/.test(bad[block.dataset.q]) ? 'survey.missing' : 'survey.invalid'));
  }
}

// Put a new page in place of the current one and move the focus to its heading.
function swap(old, node) {
  if (!old.isConnected) return;
  old.closest('.view').replaceWith(node);
  const title = node.querySelector('h1');
  title.tabIndex = -1;
  document.title = document.title.replace(/^.* – /, `${title.textContent} – `);
  window.scrollTo(0, 0);
  title.focus();
}

// Texts for the shell's error codes (network, too many requests, ...), else one of our own.
const failure = (error) => (has(`error.${error.code}`) ? errorText(error) : t('survey.sendFailed'));

const ticket = (id, answer) => (answer?.raffle?.ticket ? answer.raffle : keep('local', `survey-ticket:${id}`));

function thanks(id, data, answer) {
  const info = ticket(id, answer);
  return view(t('survey.thanks'),
    h('p', { class: 'lead' }, t('survey.thanksText')),
    info && raffle(id, info),
    data?.results_public && h('p', {}, h('a', { href: `/umfrage/${encodeURIComponent(id)}/ergebnisse` }, t('survey.resultsLink'))),
    home());
}

// While the answers wait in the outbox; becomes the thanks page once they are sent.
function saved(entry, data) {
  const node = view(t('survey.savedTitle'),
    h('p', { class: 'notice', role: 'status' }, t('survey.saved')),
    data?.raffle && h('p', {}, t('survey.raffleLater')),
    h('p', {}, h('button', { type: 'button', class: 'button button-secondary', onclick: () => flush() }, t('survey.sendNow'))),
    home());
  const on = (event) => {
    if (event.detail.entry.key !== entry.key) return;
    document.removeEventListener('survey:sent', on);
    document.removeEventListener('survey:failed', on);
    swap(node, event.type === 'survey:sent'
      ? thanks(entry.surveyId, data, event.detail.answer)
      : view(t('error.title'), h('p', { class: 'notice notice-error', role: 'alert' }, failure(event.detail.error)), home()));
  };
  document.addEventListener('survey:sent', on);
  document.addEventListener('survey:failed', on);
  return node;
}

// On opening a survey: answers of this device still waiting (sent now if
// possible), or the device marker of an earlier answer (not for visit links).
export async function early(id, visit) {
  const data = keep('session', `survey:${id}`);
  const sent = [...(await flush()).values()].find((r) => r.answer?.survey_id === id);
  if (sent) return thanks(id, data, sent.answer);
  const entry = (await pending()).find((e) => e.surveyId === id && e.visit === visit);
  if (entry) return saved(entry, data);
  if (visit || !keep('local', `survey-done:${id}`)) return null;
  const info = ticket(id);
  return view(t('survey.alreadyTitle'),
    h('p', { class: 'lead' }, t('survey.already')),
    info?.until > Date.now() && raffle(id, info),
    home());
}

// Only the questions asked, without empty answers, texts trimmed.
function payload({ data, answers }) {
  return Object.fromEntries(data.survey.questions
    .filter((q) => asked(q, answers) && !empty(answers[q.id]))
    .map((q) => [q.id, q.type === 'text' ? answers[q.id].trim() : answers[q.id]]));
}

export async function send(run) {
  const { id, form, data } = run;
  if (form.getAttribute('aria-busy')) return;
  form.setAttribute('aria-busy', 'true');
  form.querySelector('.notice-error')?.remove();
  const entry = {
    surveyId: id, key: crypto.randomUUID(), answers: payload(run), visit: run.visit, source: run.source, createdAt: new Date().toISOString(),
  };
  await add(entry);
  const result = (await flush()).get(entry.key) || { wait: true };
  form.removeAttribute('aria-busy');
  const error = result.error || {};
  if (result.answer || result.wait) keep('session', run.draftKey, null);
  if (result.answer) swap(form, thanks(id, data, result.answer));
  else if (result.wait) swap(form, saved(entry, data));
  else if (Object.keys(error.fields || {}).some((k) => k.startsWith('answers.'))) fail(run, error.fields);
  else if (/^(survey_closed|survey_not_open|visit_token_used)$/.test(error.code)) {
    swap(form, (await import('./pages.js')).problem(error, id));
  } else {
    form.querySelector('.actions').before(h('p', { class: 'notice notice-error', role: 'alert' }, failure(error)));
  }
}
