// Day view of one office: the appointments by counter and pickup place, with the
// staff actions (check in, no-show, done, cancel) and undo of the last one; find by name
// or code, print, CSV export. Refreshes itself every minute.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { localized, t } from '../../js/i18n.js';
import {
  TZ, addDays, catalogue, chooseOffice, closedText, counterLabel, errorNotice, focusKey, formatDay,
  isDay, officeError, officeSelect, page, rememberOffice, restoreFocus, tabHref, todayIso,
} from './common.js';
import { ACTION_OF, appointmentCard, blockItem, rateDialog } from './day-card.js';
import { dayTools, matches } from './day-tools.js';

const REFRESH_MS = 60_000;
const SURVEY_KEY = 'office.visitSurvey';

function storedSurvey() {
  try {
    return localStorage.getItem(SURVEY_KEY) || '';
  } catch {
    return '';
  }
}

function storeSurvey(id) {
  try {
    if (id) localStorage.setItem(SURVEY_KEY, id);
    else localStorage.removeItem(SURVEY_KEY);
  } catch {
    // private mode: no visit survey remembered
  }
}

const timeNow = () => new Intl.DateTimeFormat('de-DE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(new Date());

// What changed between two loads of the same day, for the polite announcement.
function describeChanges(before, after) {
  const old = new Map(before.appointments.map((a) => [a.code, a]));
  let added = 0;
  let changed = 0;
  for (const a of after.appointments) {
    const prior = old.get(a.code);
    if (!prior) added += 1;
    else if (prior.status !== a.status || prior.start !== a.start || prior.counter !== a.counter) changed += 1;
    old.delete(a.code);
  }
  const parts = [];
  if (added) parts.push(t('console.office.day.added', { count: added }));
  if (changed) parts.push(t('console.office.day.changed', { count: changed }));
  if (old.size) parts.push(t('console.office.day.removed', { count: old.size }));
  if (JSON.stringify(before.blocks) !== JSON.stringify(after.blocks)
    || before.pickup_places.length !== after.pickup_places.length) parts.push(t('console.office.day.capacityChanged'));
  return parts.join(' ');
}

export default async function dayView({ query, user }) {
  const cat = await catalogue();
  let office = chooseOffice(cat.offices, query.get('buero'));
  let day = isDay(query.get('datum')) ? query.get('datum') : todayIso();
  let data = null;
  let sequence = 0;
  let loading = false;
  let lastAction = null; // { code, action }: the action of this page that may be undone

  const heading = h('h2', { id: 'day-heading', tabindex: '-1' });
  const summary = h('p', { class: 'day-summary' });
  const closed = h('p', { class: 'notice', hidden: true });
  const problem = h('div', {});
  const lanes = h('div', { class: 'lanes' });
  const stamp = h('p', { class: 'muted day-stamp' });
  const live = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const announce = (text) => {
    live.textContent = '';
    if (text) setTimeout(() => { live.textContent = text; }, 50);
  };

  // --- controls -----------------------------------------------------------------------------
  const { select: officeInput, wrap: officeField } = officeSelect({ id: 'day-office', offices: cat.offices, value: office });
  const dateInput = h('input', { id: 'day-date', name: 'date', type: 'date', value: day, required: true, autocomplete: 'off' });
  const step = (label, delta, focusName) => h('button', {
    type: 'button', class: 'button button-secondary', 'data-focus-key': focusName,
    onclick: () => go(delta === 0 ? todayIso() : addDays(day, delta)),
  }, label);
  const refreshButton = h('button', { type: 'button', class: 'button button-secondary', onclick: () => load({ manual: true }) },
    t('console.office.day.refresh'));
  const controls = h('form', { class: 'filter day-controls', novalidate: true, onsubmit: (event) => event.preventDefault() },
    officeField,
    h('div', { class: 'field' }, h('label', { for: 'day-date' }, t('console.office.day.date')), dateInput),
    h('div', { class: 'actions day-steps' },
      step(t('console.office.day.previous'), -1, 'prev'),
      step(t('console.office.day.today'), 0, 'today'),
      step(t('console.office.day.next'), 1, 'next'),
      refreshButton),
  );
  officeInput.addEventListener('change', () => {
    office = officeInput.value;
    rememberOffice(office);
    load({});
  });
  dateInput.addEventListener('change', () => {
    if (isDay(dateInput.value)) go(dateInput.value);
  });

  function go(next) {
    day = next;
    dateInput.value = day;
    load({});
  }

  const tools = dayTools({
    onFilter: () => data && render(),
    onOpen: (officeId, date, code) => {
      office = officeId;
      officeInput.value = office;
      rememberOffice(office);
      day = date;
      dateInput.value = day;
      load({ keepFocus: `card:${code}` });
    },
    current: () => ({ office, day, appointments: data?.appointments || [] }),
  });

  const card = (a) => appointmentCard(a, {
    day, undoable: lastAction?.code === a.code ? lastAction.action : null, onAct: act, onCancel: cancel, onUndo: undo,
  });

  // --- rendering ----------------------------------------------------------------------------
  function lane(counter) {
    const items = data.appointments.filter((a) => a.counter === counter && matches(a, tools.text()))
      .map((a) => ({ at: a.start.slice(11, 16), node: card(a) }));
    const blocks = data.blocks.filter((b) => !b.counter || b.counter === counter)
      .map((b) => ({ at: b.from, node: blockItem(b) }));
    const count = items.length;
    const id = `lane-${counter}`;
    const entries = [...blocks, ...items].sort((x, y) => x.at.localeCompare(y.at));
    return h('section', { class: `lane ${counter.startsWith('P') ? 'lane-pickup' : ''}`, 'aria-labelledby': id },
      h('h3', { id, tabindex: '-1', 'data-focus-key': `lane:${counter}` }, counterLabel(counter), ' ',
        h('span', { class: 'lane-count' }, t('console.office.day.laneCount', { count }))),
      entries.length
        ? h('ol', { class: 'lane-list' }, entries.map((entry) => entry.node))
        : h('p', { class: 'muted lane-empty' }, t('console.office.day.laneEmpty')),
    );
  }

  function render() {
    const officeName = cat.offices.find((o) => o.id === office)?.name || office;
    heading.textContent = t('console.office.day.heading', { date: formatDay(day), office: officeName });
    const count = data.appointments.length;
    const noShows = data.appointments.filter((a) => a.status === 'no_show').length;
    summary.textContent = [
      t('console.office.day.count', { count }),
      noShows ? t('console.office.day.noShows', { count: noShows }) : null,
      data.cancelled ? t('console.office.day.cancelled', { count: data.cancelled }) : null,
      data.extra_pickup ? t('console.office.day.extra', { count: data.extra_pickup }) : null,
    ].filter(Boolean).join(' · ');
    closed.hidden = !data.closed;
    closed.textContent = data.closed ? closedText(data.closed) : '';
    const counters = [...data.counters, ...data.pickup_places];
    for (const a of data.appointments) if (!counters.includes(a.counter)) counters.push(a.counter);
    lanes.replaceChildren(...counters.map(lane));
    if (!counters.length) lanes.append(h('p', { class: 'muted' }, t('console.office.day.noCounters')));
  }

  const paused = () => loading || Boolean(lanes.querySelector('[data-confirm]')) || Boolean(document.querySelector('dialog[open]'));

  async function load({ manual = false, auto = false, keepFocus = null, message = '' } = {}) {
    const current = ++sequence;
    loading = true;
    lanes.setAttribute('aria-busy', 'true');
    history.replaceState(null, '', tabHref('', { buero: office, datum: day }));
    tools.update(office, day);
    try {
      const next = await api.get(`/api/office/day?office=${encodeURIComponent(office)}&date=${encodeURIComponent(day)}`);
      if (current !== sequence) return;
      const before = data;
      const same = before && before.date === next.date && before.office.id === next.office.id;
      const unchanged = same && JSON.stringify(before) === JSON.stringify(next);
      problem.replaceChildren();
      stamp.textContent = t('console.office.day.stamp', { time: timeNow() });
      if (!unchanged) {
        const key = keepFocus || focusKey();
        data = next;
        render();
        if (key) restoreFocus(lanes, key, key.includes(':') ? `card:${key.split(':')[1]}` : null);
      }
      if (message) announce(message);
      else if (auto && same && !unchanged) announce(describeChanges(before, next));
      else if (manual) announce(t('console.office.day.refreshed', { time: timeNow() }));
    } catch (err) {
      if (current !== sequence) return;
      if (auto) stamp.textContent = t('console.office.day.refreshFailed', { time: timeNow() });
      else problem.replaceChildren(errorNotice(err));
    } finally {
      if (current === sequence) {
        loading = false;
        lanes.removeAttribute('aria-busy');
      }
    }
  }

  // --- actions ------------------------------------------------------------------------------
  async function act(a, action, feedback) {
    feedback.replaceChildren();
    try {
      let answer;
      if (action === 'checkin') answer = await api.post('/api/office/check-in', { code: a.code, office });
      else if (action === 'done') {
        const survey = storedSurvey();
        answer = await api.post(`/api/office/bookings/${encodeURIComponent(a.code)}/done`, survey ? { survey } : {});
      } else answer = await api.post(`/api/office/bookings/${encodeURIComponent(a.code)}/no-show`);
      const status = answer.booking.status;
      const message = t(`console.office.changed.${status}`, { name: a.name });
      lastAction = { code: a.code, action: ACTION_OF[action] };
      await load({ keepFocus: `card:${a.code}`, message });
      if (answer.rate_visit_url) {
        rateDialog(answer, () => lanes.querySelector(`[data-focus-key="card:${CSS.escape(a.code)}"]`)?.focus());
      }
    } catch (err) {
      feedback.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, officeError(err)));
    }
  }

  async function undo(a, action, feedback) {
    try {
      const answer = await api.post(`/api/office/bookings/${encodeURIComponent(a.code)}/undo`, { action });
      lastAction = null;
      const status = t(`console.office.status.${answer.booking.status}`);
      await load({ keepFocus: `card:${a.code}`, message: t('console.office.undo.done', { name: a.name, status }) });
    } catch (err) {
      lastAction = null;
      feedback.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, officeError(err)));
    }
  }

  async function cancel(a, feedback) {
    try {
      await api.post(`/api/office/bookings/${encodeURIComponent(a.code)}/cancel`);
      await load({ keepFocus: `lane:${a.counter}`, message: t('console.office.changed.cancelled', { name: a.name }) });
    } catch (err) {
      feedback.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, officeError(err)));
    }
  }

  // --- "rate this visit" survey of this workplace (staff who also manage surveys) -------------
  async function surveySetting() {
    if (!user.roles.includes('survey')) return null;
    let surveys = [];
    try {
      surveys = (await api.get('/api/surveys')).surveys.filter((s) => s.availability === 'open');
    } catch {
      return null;
    }
    const chosen = storedSurvey();
    const select = h('select', { id: 'visit-survey', name: 'survey', autocomplete: 'off', 'aria-describedby': 'visit-survey-hint' },
      h('option', { value: '' }, t('console.office.visit.none')),
      surveys.map((s) => h('option', { value: s.id, selected: s.id === chosen }, localized(s.title))));
    const saved = h('p', { class: 'muted', role: 'status' });
    select.addEventListener('change', () => {
      storeSurvey(select.value);
      saved.textContent = t('console.office.visit.saved');
    });
    return h('details', { class: 'office-settings' },
      h('summary', {}, t('console.office.visit.title')),
      h('div', { class: 'field' },
        h('label', { for: 'visit-survey' }, t('console.office.visit.label')),
        h('p', { class: 'hint', id: 'visit-survey-hint' }, t('console.office.visit.hint')),
        select),
      saved);
  }
  const settings = await surveySetting();

  await load({});
  const timer = setInterval(() => {
    if (!lanes.isConnected) {
      clearInterval(timer);
      return;
    }
    if (document.hidden || paused()) return;
    load({ auto: true });
  }, REFRESH_MS);

  return page('', t('console.office.day.title'), null,
    controls,
    tools.search,
    h('section', { class: 'day', 'aria-labelledby': 'day-heading' },
      heading,
      h('div', { class: 'day-status' }, summary, stamp),
      tools.outputs,
      closed,
      problem,
      lanes,
      live),
    settings);
}
