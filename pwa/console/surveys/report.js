// Committee report: a cover page, then one page per question with its chart,
// the previous wave for comparison and the excerpts staff chose. Prints to PDF.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { lang, t } from '../../js/i18n.js';
import { questionNumber } from '../../js/survey/numbers.js';
import { loadTown } from '../../js/town.js';
import {
  CHANNELS, apiPath, fmtDay, fmtNumber, fmtPercent, loadSurvey, nextId, period, surveyHeader, surveyPath, svgNode, tx,
} from './common.js';
import { distributionTable } from './results.js';

function scoreWithPrevious(q, previousWave) {
  const key = q.type === 'rating' ? 'mean' : q.type === 'nps' ? 'nps' : null;
  if (!key) return null;
  const digits = key === 'mean' ? 2 : 0;
  const now = q[key] == null ? '–' : fmtNumber(q[key], digits);
  const before = q.previous && q.previous[key] != null ? fmtNumber(q.previous[key], digits) : null;
  return h('p', { class: 'sv-score' }, h('span', { class: 'label' }, `${t(`console.survey.results.${key}`)}: `), now,
    before != null && h('span', { class: 'muted' }, ` (${t('console.survey.waveN', { wave: previousWave })}: ${before})`));
}

export default async function surveyReport({ params }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const [report, town] = await Promise.all([
    api.get(`${apiPath(survey.id, '/report')}?lang=${lang()}`),
    loadTown().catch(() => null),
  ]);
  const previous = report.previous_wave;
  const byId = new Map(report.questions.map((q) => [q.id, q]));
  const excerpts = (qid) => report.excerpts.filter((e) => e.question === qid);

  const pages = [];
  survey.questions.forEach((question) => {
    const number = questionNumber(survey.questions, question.id);
    const headingId = nextId('rq');
    const parent = question.show_if ? survey.questions.find((p) => p.id === question.show_if.question_id) : null;
    const follow = parent && h('p', { class: 'muted' }, t('console.survey.results.followUpOf', {
      n: questionNumber(survey.questions, parent.id), label: tx(parent.label),
    }));
    const q = byId.get(question.id);
    if (q) {
      pages.push(h('section', { class: 'sv-report-page', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, `${number}. ${q.label}`),
        follow,
        h('p', {}, t('console.survey.results.answered', { count: q.answered }),
          previous && q.previous && h('span', { class: 'muted' }, ` (${t('console.survey.waveN', { wave: previous.wave })}: ${
            t('console.survey.results.answered', { count: q.previous.answered })})`)),
        scoreWithPrevious(q, previous?.wave),
        h('div', { class: 'sv-chart' }, svgNode(q.chart_svg)),
        distributionTable(q, { previous: q.previous, previousWave: previous?.wave }),
        previous && !q.previous && h('p', { class: 'muted' }, t('console.survey.report.newQuestion')),
        excerpts(q.id).length > 0 && excerptList(excerpts(q.id))));
      return;
    }
    if (question.type === 'text') {
      const chosen = excerpts(question.id);
      pages.push(h('section', { class: 'sv-report-page', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, `${number}. ${tx(question.label)}`),
        follow,
        h('p', { class: 'muted' }, t('console.survey.report.freeTextNote')),
        chosen.length ? excerptList(chosen) : h('p', {}, t('console.survey.report.noExcerpts'))));
    }
  });

  function excerptList(items) {
    return h('div', { class: 'sv-excerpts' },
      h('h3', {}, t('console.survey.report.excerpts')),
      h('ul', {}, items.map((e) => h('li', {}, h('blockquote', {}, e.text)))));
  }

  const channels = CHANNELS.filter((c) => report.channels[c]).map((c) => [
    h('dt', {}, t(`console.survey.channel.${c}`)),
    h('dd', {}, `${fmtNumber(report.channels[c])} (${fmtPercent(report.n ? (100 * report.channels[c]) / report.n : 0)})`)]);
  const cover = h('section', { class: 'sv-report-page sv-report-cover', 'aria-labelledby': 'sv-report-title' },
    h('p', { class: 'sv-paperform-town' }, town?.name || ''),
    h('p', { class: 'sv-report-kind' }, t('console.survey.report.kind')),
    h('h2', { id: 'sv-report-title', class: 'sv-report-title' }, report.title),
    h('dl', { class: 'facts' },
      h('dt', {}, t('console.survey.col.wave')), h('dd', {}, String(report.wave)),
      h('dt', {}, t('console.survey.col.period')), h('dd', {}, period({ opens: report.period.opens, closes: report.period.closes })),
      h('dt', {}, t('console.survey.col.responses')), h('dd', {}, fmtNumber(report.n)),
      channels.length > 0 && [h('dt', {}, t('console.survey.report.channels')), h('dd', {}, h('dl', { class: 'sv-inline-dl' }, channels))],
      previous && [h('dt', {}, t('console.survey.report.previous')),
        h('dd', {}, t('console.survey.report.previousText', { wave: previous.wave, count: previous.n }))],
      h('dt', {}, t('console.survey.report.generated')), h('dd', {}, fmtDay(report.generated_on, 'long'))),
    h('p', {}, t('console.survey.report.method')),
    report.days.length > 0 && h('div', { class: 'sv-chart' }, svgNode(report.charts.days)),
    h('h3', {}, t('console.survey.report.contents')),
    h('ol', { class: 'sv-report-toc' }, survey.questions.map((q) => h('li', {}, tx(q.label)))));

  return h('div', { class: 'view sv-print-page' },
    h('div', { class: 'sv-noprint' }, surveyHeader(view, 'report'),
      h('p', {}, t('console.survey.report.intro')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('console.survey.report.print')),
        h('a', { href: surveyPath(survey.id, 'freetext') }, t('console.survey.report.chooseExcerpts')))),
    h('article', { class: 'sv-doc sv-report', 'aria-labelledby': 'sv-report-title' }, cover, pages),
  );
}
