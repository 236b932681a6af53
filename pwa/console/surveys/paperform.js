// The survey as a paper form: boxes to tick, lines to write on, printed from the browser.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { loadTown } from '../../js/town.js';
import { fmtDay, loadSurvey, shortUrl, surveyPath, tx } from './common.js';
import { choicesOf } from './preview.js';

const box = () => h('span', { class: 'sv-box', 'aria-hidden': 'true' });

function condition(q, survey) {
  if (!q.show_if) return null;
  const parent = survey.questions.find((p) => p.id === q.show_if.question_id);
  if (!parent) return null;
  const labels = choicesOf(parent).filter(([v]) => q.show_if.values.includes(v)).map(([, text]) => `„${text}“`);
  return t('console.survey.paperform.onlyIf', {
    n: survey.questions.indexOf(parent) + 1,
    values: labels.join(` ${t('console.survey.paperform.or')} `),
  });
}

function answerArea(q) {
  if (q.type === 'text') {
    const lines = Math.min(6, Math.max(2, Math.ceil((q.max_length || 500) / 120)));
    return h('div', { class: 'sv-lines', 'aria-hidden': 'true' }, Array.from({ length: lines }, () => h('span', { class: 'sv-line' })));
  }
  if (q.type === 'rating' || q.type === 'nps') {
    return h('ul', { class: `sv-paper-scale sv-paper-${q.type}` },
      choicesOf(q).map(([, text]) => h('li', {}, box(), h('span', {}, text))));
  }
  return h('ul', { class: `sv-paper-choices${q.type === 'yesno' ? ' sv-paper-inline' : ''}` },
    choicesOf(q).map(([, text]) => h('li', {}, box(), h('span', {}, text))));
}

function instruction(q) {
  if (q.type === 'multi') return t('console.survey.paperform.multi');
  if (q.type === 'text') return t('console.survey.paperform.text', { max: q.max_length || 500 });
  if (q.type === 'nps') return q.help && (q.help.de || q.help.en) ? t('console.survey.paperform.single') : t('console.survey.paperform.nps');
  return t('console.survey.paperform.single');
}

export default async function surveyPaperform({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const town = await loadTown().catch(() => null); // the page prints without the town's name too
  const doc = h('article', { class: 'sv-doc sv-paperform', 'aria-labelledby': 'sv-paperform-title' },
    h('header', { class: 'sv-paperform-head' },
      h('p', { class: 'sv-paperform-town' }, town?.name || ''),
      h('h2', { id: 'sv-paperform-title' }, tx(survey.title)),
      h('p', { class: 'lines' }, tx(survey.intro)),
      h('p', { class: 'sv-paperform-how' }, t('console.survey.paperform.how'), ' ', box(), ' ',
        t('console.survey.paperform.how2'))),
    h('ol', { class: 'sv-paperform-questions' }, survey.questions.map((q, i) => h('li', { class: 'sv-paperform-q' },
      h('p', { class: 'sv-paperform-label' }, h('span', { class: 'sv-pv-number' }, `${i + 1}. `), tx(q.label),
        q.required && h('span', { class: 'sv-pv-required' }, ` (${t('console.survey.pv.required')})`)),
      condition(q, survey) && h('p', { class: 'sv-paperform-if' }, condition(q, survey)),
      q.help && (q.help.de || q.help.en) && h('p', { class: 'sv-paperform-help' }, tx(q.help)),
      h('p', { class: 'sv-paperform-help' }, instruction(q)),
      answerArea(q)))),
    h('footer', { class: 'sv-paperform-foot' },
      h('p', { class: 'lines' }, tx(survey.privacy)),
      h('p', {}, t('console.survey.paperform.thanks', { closes: fmtDay(survey.closes, 'long') })),
      h('p', {}, t('console.survey.paperform.online', { url: shortUrl(view.public_url) }))),
  );
  return h('div', { class: 'view sv-print-page' },
    h('div', { class: 'sv-noprint' },
      h('p', { class: 'sv-back' }, h('a', { class: 'back', href: surveyPath(survey.id, 'paper') }, t('console.survey.paperform.back'))),
      h('h1', {}, t('console.survey.paperform.title')),
      h('p', {}, t('console.survey.paperform.intro')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('console.survey.print')))),
    doc,
  );
}
