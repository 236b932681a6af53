// Results of one wave: responses per day and channel, per question chart,
// distribution, mean and NPS; filter by office or channel; waves side by side;
// CSV export; public results on or off.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { lang, t } from '../../js/i18n.js';
import { questionNumber } from '../../js/survey/numbers.js';
import {
  CHANNELS, alertBox, apiPath, control, fmtDay, fmtNumber, fmtPercent, liveRegion, loadOrigins, loadSurvey, nextId,
  select, surveyHeader, surveyPath, svgNode, tx,
} from './common.js';

function chart(svg, cls = 'sv-chart') {
  return h('div', { class: cls }, svgNode(svg));
}

function scoreLine(q) {
  if (q.type === 'rating') {
    return h('p', { class: 'sv-score' }, h('span', { class: 'label' }, `${t('console.survey.results.mean')}: `),
      q.mean == null ? '–' : t('console.survey.results.meanValue', { mean: fmtNumber(q.mean, 2) }));
  }
  if (q.type === 'nps') {
    return h('p', { class: 'sv-score' }, h('span', { class: 'label' }, `${t('console.survey.results.nps')}: `),
      q.nps == null ? '–' : fmtNumber(q.nps), ' ',
      h('span', { class: 'muted' }, t('console.survey.results.npsParts', {
        promoters: fmtNumber(q.promoters), passives: fmtNumber(q.passives), detractors: fmtNumber(q.detractors),
      })));
  }
  return null;
}

export function distributionTable(q, { previous = null, previousWave = null } = {}) {
  const captionId = nextId('dist');
  return h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: '0' },
    h('table', { class: 'table sv-dist' },
      h('caption', { id: captionId, class: 'sr-only' }, t('console.survey.results.distCaption', { label: q.label })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('console.survey.results.answer')),
        h('th', { scope: 'col', class: 'sv-num-cell' }, t('console.survey.results.count')),
        h('th', { scope: 'col', class: 'sv-num-cell' }, t('console.survey.results.share')),
        previous && h('th', { scope: 'col', class: 'sv-num-cell' }, t('console.survey.results.shareWave', { wave: previousWave })))),
      h('tbody', {}, q.distribution.map((d) => h('tr', {},
        h('th', { scope: 'row' }, d.label),
        h('td', { class: 'sv-num-cell' }, fmtNumber(d.count)),
        h('td', { class: 'sv-num-cell' }, fmtPercent(d.percent)),
        previous && h('td', { class: 'sv-num-cell' }, fmtPercent(previous.percent?.[d.id]))))),
    ));
}

export function questionBlock(q, survey, headingLevel = 'h3') {
  const parent = q.follow_up_of ? survey.questions.find((p) => p.id === q.follow_up_of) : null;
  const number = questionNumber(survey.questions, q.id);
  return [
    h(headingLevel, {}, `${number}. ${q.label}`),
    parent && h('p', { class: 'muted' }, t('console.survey.results.followUpOf', {
      n: questionNumber(survey.questions, parent.id), label: tx(parent.label),
    })),
    h('p', { class: 'muted' }, t('console.survey.results.answered', { count: q.answered })),
    scoreLine(q),
  ];
}

function compareSection(data, survey) {
  const waves = data.waves || [];
  if (waves.length < 2) {
    return h('p', {}, t('console.survey.results.compareNone'));
  }
  return h('div', {}, data.questions.map((q) => {
    const captionId = nextId('cmp');
    const rows = q.options.map((o) => h('tr', {},
      h('th', { scope: 'row' }, o.label),
      q.waves.map((w) => h('td', { class: 'sv-num-cell' }, fmtPercent(w.percent?.[o.id]))),
    ));
    const score = q.type === 'rating' ? 'mean' : q.type === 'nps' ? 'nps' : null;
    const number = questionNumber(survey.questions, q.id);
    return h('div', { class: 'sv-compare-q' },
      h('h3', {}, number > 0 ? `${number}. ${q.label}` : q.label),
      h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: '0' },
        h('table', { class: 'table sv-dist sv-compare' },
          h('caption', { id: captionId, class: 'sr-only' }, t('console.survey.results.compareCaption', { label: q.label })),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('console.survey.results.answer')),
            q.waves.map((w) => h('th', { scope: 'col', class: 'sv-num-cell' },
              t('console.survey.waveN', { wave: w.wave }), h('br'),
              h('span', { class: 'sv-th-sub' }, t('console.survey.results.nAnswered', { count: w.answered }))))),
          ),
          h('tbody', {}, rows,
            score && h('tr', { class: 'sv-score-row' }, h('th', { scope: 'row' }, t(`console.survey.results.${score}`)),
              q.waves.map((w) => h('td', { class: 'sv-num-cell' },
                w[score] == null ? '–' : fmtNumber(w[score], score === 'mean' ? 2 : 0))))))));
  }));
}

export default async function surveyResults({ params, query }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const [{ offices }, list] = await Promise.all([loadOrigins(), api.get('/api/surveys')]);
  const waves = list.surveys.filter((s) => s.series === survey.series).sort((a, b) => a.wave - b.wave);
  const live = liveRegion();
  const area = h('div', { class: 'sv-results' });
  const status = h('div', { class: 'sv-status' });

  // One filter: all answers, one channel or one office (the API takes one at a time).
  const filters = [['', t('console.survey.results.all')],
    ...CHANNELS.map((c) => [`channel:${c}`, `${t('console.survey.results.channel')}: ${t(`console.survey.channel.${c}`)}`]),
    // The office of a response is where it was recorded (visit code, paper batch), not an answer.
    ...offices.map((o) => [`office:${o.id}`, t('console.survey.results.officeTag', { office: o.name })])];
  const initial = filters.some(([v]) => v === query.get('filter')) ? query.get('filter') : '';
  const filter = select(filters, initial);
  // Waves of the series as links: choosing one opens its own results page.
  const waveNav = waves.length > 1 && h('nav', { class: 'sv-waves', 'aria-label': t('console.survey.results.waves') },
    h('ul', {}, waves.map((w) => h('li', {}, h('a', { href: surveyPath(w.id, 'results'), 'aria-current': w.id === survey.id ? 'page' : null },
      t('console.survey.waveN', { wave: w.wave }), h('span', { class: 'sv-th-sub' }, ` · ${fmtDay(w.opens)}`))))));

  async function load(announce) {
    const [kind, value] = filter.value ? filter.value.split(':') : [];
    const q = new URLSearchParams({ lang: lang() });
    if (kind) q.set(kind, value);
    try {
      const data = await api.get(`${apiPath(survey.id, '/results')}?${q}`);
      render(data);
      if (announce) live.say(t('console.survey.results.updated', { count: data.n }));
    } catch (err) {
      area.replaceChildren(alertBox(err));
    }
    const url = new URL(location.href);
    if (filter.value) url.searchParams.set('filter', filter.value); else url.searchParams.delete('filter');
    history.replaceState(null, '', url);
  }
  filter.addEventListener('change', () => load(true));

  function render(data) {
    const channels = CHANNELS.map((c) => [h('dt', {}, t(`console.survey.channel.${c}`)), h('dd', {}, fmtNumber(data.channels[c] || 0))]);
    area.replaceChildren(
      h('section', { 'aria-labelledby': 'sv-res-overview' },
        h('h2', { id: 'sv-res-overview' }, t('console.survey.results.overview')),
        h('p', { class: 'sv-bignum' }, h('strong', { class: 'sv-n' }, fmtNumber(data.n)), ' ',
          t('console.survey.results.responses', { count: data.n })),
        h('dl', { class: 'facts sv-channel-facts' }, channels),
        h('div', { class: 'sv-chart-grid' },
          h('div', {}, h('h3', {}, t('console.survey.results.perDay')), data.days.length
            ? chart(data.charts.days) : h('p', { class: 'muted' }, t('console.survey.results.noData'))),
          h('div', {}, h('h3', {}, t('console.survey.results.perChannel')), chart(data.charts.channels)))),
      h('section', { 'aria-labelledby': 'sv-res-questions' },
        h('h2', { id: 'sv-res-questions' }, t('console.survey.results.questions')),
        data.questions.map((q) => h('article', { class: 'sv-result-q' },
          questionBlock(q, survey),
          h('div', { class: 'sv-result-body' }, chart(q.chart_svg), distributionTable(q)))),
        data.free_text.length > 0 && h('div', { class: 'sv-result-q' },
          h('h3', {}, t('console.survey.results.freeText')),
          h('ul', {}, data.free_text.map((f) => h('li', {}, f.label))),
          h('p', {}, h('a', { href: surveyPath(survey.id, 'freetext') }, t('console.survey.results.toFreeText'))))),
    );
  }

  // Public results page on or off.
  const toggleId = nextId('public');
  const toggle = h('input', { id: toggleId, type: 'checkbox', checked: view.public_results });
  toggle.addEventListener('change', async () => {
    const wanted = toggle.checked;
    try {
      const updated = await api.put(apiPath(survey.id, '/public-results'), { enabled: wanted });
      toggle.checked = updated.public_results;
      status.replaceChildren(h('p', { class: 'notice notice-ok', role: 'status' },
        t(updated.public_results ? 'console.survey.results.publicOn' : 'console.survey.results.publicOff')));
    } catch (err) {
      toggle.checked = !wanted;
      status.replaceChildren(alertBox(err));
    }
  });

  let compare = { waves: [] };
  try {
    compare = await api.get(`${apiPath(survey.id, '/compare')}?lang=${lang()}`);
  } catch {
    compare = { waves: [] };
  }

  await load(false);
  const csv = (delimiter) => `${apiPath(survey.id, '/export.csv')}?delimiter=${delimiter}`;
  return h('div', { class: 'view sv-wide' },
    surveyHeader(view, 'results'),
    waveNav,
    live,
    h('form', { class: 'filter sv-filter', novalidate: true, onsubmit: (event) => event.preventDefault() },
      control({ name: 'filter', label: t('console.survey.results.filter'), el: filter })),
    area,
    h('section', { 'aria-labelledby': 'sv-res-compare' },
      h('h2', { id: 'sv-res-compare' }, t('console.survey.results.compare')),
      compareSection(compare, survey)),
    h('section', { 'aria-labelledby': 'sv-res-share' },
      h('h2', { id: 'sv-res-share' }, t('console.survey.results.share2')),
      h('ul', { class: 'sv-links' },
        h('li', {}, h('a', { href: csv('semicolon'), download: `${survey.id}-antworten.csv` }, t('console.survey.results.csvSemicolon'))),
        h('li', {}, h('a', { href: csv('comma'), download: `${survey.id}-antworten.csv` }, t('console.survey.results.csvComma'))),
        h('li', {}, h('a', { href: surveyPath(survey.id, 'report') }, t('console.survey.results.toReport')))),
      h('p', { class: 'hint' }, t('console.survey.results.csvHint')),
      h('div', { class: 'field check' }, toggle, h('label', { for: toggleId }, t('console.survey.results.public'),
        h('span', { class: 'hint' }, t('console.survey.results.publicHint')))),
      status),
  );
}
