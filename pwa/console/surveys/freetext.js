// Free-text answers for review: approve, reject, redact (overwrites the stored
// text) and choose excerpts for the report. Only approved text leaves this page.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { lang, t } from '../../js/i18n.js';
import {
  alertBox, apiPath, control, fmtDay, liveRegion, loadOrigins, loadSurvey, nextId, select, surveyHeader, tx,
} from './common.js';

const STATUSES = ['pending', 'approved', 'rejected', 'all'];
const REDACTION = '[…]';

export default async function surveyFreetext({ params, query }) {
  const view = await loadSurvey(params.id);
  const survey = view.survey;
  const { offices, categories } = await loadOrigins();
  const live = liveRegion();
  const list = h('ul', { class: 'sv-texts' });
  const more = h('div', {});
  const status = h('div', { class: 'sv-status' });
  const initial = STATUSES.includes(query.get('status')) ? query.get('status') : 'pending';
  const filter = select(STATUSES.map((s) => [s, t(`console.survey.review.filter.${s}`)]), initial);
  const summary = h('p', { class: 'muted', role: 'status' });
  let shown = 0;

  const officeName = (id) => offices.find((o) => o.id === id)?.name || id;
  const categoryName = (id) => tx(categories.find((c) => c.id === id)?.name) || id;

  function entryCard(item, entry) {
    const li = h('li', { class: 'sv-text-card' });
    const path = apiPath(survey.id, `/free-text/${encodeURIComponent(item.response_id)}/${encodeURIComponent(entry.question)}`);
    const headingId = nextId('text');
    const note = h('div', { 'aria-live': 'polite' });

    async function patch(body, message, focusAfter) {
      try {
        const updated = await api.patch(path, body);
        Object.assign(entry, updated);
        show(focusAfter);
        note.replaceChildren(h('p', { class: 'notice notice-ok' }, message));
      } catch (err) {
        note.replaceChildren(alertBox(err));
      }
    }

    function show(focusAction) {
      const badges = [
        h('span', { class: `badge sv-review-${entry.status}` }, t(`console.survey.review.status.${entry.status}`)),
        entry.redacted && [' ', h('span', { class: 'badge sv-badge-draft' }, t('console.survey.review.redacted'))],
        entry.excerpt && [' ', h('span', { class: 'badge sv-badge-scheduled' }, t('console.survey.review.isExcerpt'))],
      ];
      const label = `${t('console.survey.review.answerTo')} „${entry.label}“`;
      const button = (key, onclick, cls = 'button-secondary') => h('button', { type: 'button', class: `button button-small ${cls}`,
        'data-action': key, 'aria-label': `${t(`console.survey.review.${key}`)}: ${label}`, onclick }, t(`console.survey.review.${key}`));
      const excerptId = nextId('excerpt');
      const excerptBox = h('input', { id: excerptId, type: 'checkbox', checked: entry.excerpt, 'data-action': 'excerpt' });
      excerptBox.addEventListener('change', () => patch({ status: 'approved', excerpt: excerptBox.checked },
        t(excerptBox.checked ? 'console.survey.review.excerptOn' : 'console.survey.review.excerptOff'), 'excerpt'));
      li.replaceChildren(...[
        h('h3', { id: headingId }, entry.label),
        h('p', { class: 'sv-text-meta' }, fmtDay(item.date), ' · ', t(`console.survey.channel.${item.channel}`),
          item.office && ` · ${officeName(item.office)}`, item.category && ` · ${categoryName(item.category)}`),
        h('blockquote', { class: 'sv-text-quote', 'aria-labelledby': headingId }, entry.text),
        h('p', {}, badges),
        h('div', { class: 'sv-tools' },
          entry.status !== 'approved' && button('approve', () => patch({ status: 'approved' }, t('console.survey.review.approved'), 'redact'), ''),
          button('redact', () => redact()),
          entry.status !== 'rejected' && button('reject', () => patch({ status: 'rejected' }, t('console.survey.review.rejected'), 'redact')),
          entry.status !== 'pending' && button('reset', () => patch({ status: 'pending' }, t('console.survey.review.resetDone'), 'redact'))),
        entry.status === 'approved' && h('div', { class: 'field check' }, excerptBox,
          h('label', { for: excerptId }, t('console.survey.review.excerpt'))),
        note,
      ].filter(Boolean));
      if (focusAction) li.querySelector(`[data-action="${focusAction}"]`)?.focus();
    }

    function redact() {
      const areaId = nextId('redact');
      const area = h('textarea', { id: areaId, rows: 4, autocomplete: 'off', maxlength: 1000 }, entry.text);
      const blackout = () => {
        const { selectionStart: a, selectionEnd: b, value } = area;
        if (a === b) {
          note.replaceChildren(h('p', { class: 'notice' }, t('console.survey.review.selectFirst')));
          area.focus();
          return;
        }
        area.value = value.slice(0, a) + REDACTION + value.slice(b);
        area.focus();
        area.setSelectionRange(a + REDACTION.length, a + REDACTION.length);
        live.say(t('console.survey.review.blackedOut'));
      };
      const save = h('button', { type: 'button', class: 'button button-small', onclick: () => {
        patch({ status: 'approved', text: area.value }, t('console.survey.review.redactedSaved'), 'redact');
      } }, t('console.survey.review.saveRedacted'));
      li.replaceChildren(
        h('h3', { id: headingId }, entry.label),
        h('div', { class: 'field' },
          h('label', { for: areaId }, t('console.survey.review.editText')),
          h('p', { class: 'hint', id: `${areaId}-hint` }, t('console.survey.review.redactHint')),
          area),
        h('div', { class: 'sv-tools' },
          h('button', { type: 'button', class: 'button button-small button-secondary', onclick: blackout }, t('console.survey.review.blackout')),
          save,
          h('button', { type: 'button', class: 'button button-small button-secondary', onclick: () => show('redact') }, t('action.cancel'))),
        note,
      );
      area.setAttribute('aria-describedby', `${areaId}-hint`);
      area.focus();
    }

    show();
    return li;
  }

  async function load(cursor, first = !cursor) {
    const q = new URLSearchParams({ status: filter.value, limit: '25', lang: lang() });
    if (cursor) q.set('cursor', cursor);
    try {
      let page = await api.get(`${apiPath(survey.id, '/free-text')}?${q}`);
      // A page may come back empty while more follow (filtered on the server): read on a little.
      for (let extra = 0; !page.items.length && page.next && extra < 5; extra += 1) {
        q.set('cursor', page.next);
        page = await api.get(`${apiPath(survey.id, '/free-text')}?${q}`);
      }
      const cards = page.items.flatMap((item) => item.texts.map((entry) => entryCard(item, entry)));
      if (first) list.replaceChildren();
      list.append(...cards);
      shown += cards.length;
      summary.textContent = shown ? t('console.survey.review.count', { count: shown }) : t('console.survey.review.none');
      more.replaceChildren(...(page.next ? [h('button', { type: 'button', class: 'button button-secondary', onclick: async (event) => {
        const before = list.children.length;
        event.currentTarget.disabled = true;
        await load(page.next);
        const first = list.children[before]?.querySelector('h3');
        if (first) {
          first.tabIndex = -1;
          first.focus();
        }
      } }, t('console.survey.review.more'))] : []));
      status.replaceChildren();
    } catch (err) {
      status.replaceChildren(alertBox(err));
    }
  }

  filter.addEventListener('change', () => {
    shown = 0;
    const url = new URL(location.href);
    url.searchParams.set('status', filter.value);
    history.replaceState(null, '', url);
    load(null);
  });

  await load(null);
  return h('div', { class: 'view' },
    surveyHeader(view, 'freetext'),
    h('p', { class: 'lead' }, t('console.survey.review.intro')),
    live,
    h('form', { class: 'filter', novalidate: true, onsubmit: (event) => event.preventDefault() },
      control({ name: 'status', label: t('console.survey.review.show'), el: filter })),
    summary,
    status,
    list,
    more,
  );
}
