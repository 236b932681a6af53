// Accessible month calendar: a <table role="grid"> with one tab stop. Arrow
// keys move by day and week, Home/End to the week's start and end, Page Up/Down
// by month; Enter or Space picks the day. Days that cannot be picked stay
// focusable (aria-disabled) so their reason can be read. Dates are "YYYY-MM-DD".
import { h } from './dom.js';
import { locale } from './i18n.js';

const utc = (iso) => new Date(`${iso}T00:00:00Z`);
const iso = (date) => date.toISOString().slice(0, 10);

export function addDays(day, n) {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return iso(date);
}

// "2026-11" plus n months.
export function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  return iso(new Date(Date.UTC(y, m - 1 + n, 1))).slice(0, 7);
}

const daysIn = (month) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

const names = (style) => {
  const fmt = new Intl.DateTimeFormat(locale(), { weekday: style, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => fmt.format(utc(addDays('2024-01-01', i)))); // a Monday
};

let counter = 0;

// month: "2026-11"; info(day) -> { enabled, label, note, kind } for each day of it.
// onPick(day) for an enabled day; onLeave(day) when the keyboard moves out of the
// month; onMonth(n) for the previous/next buttons (canPrev/canNext say if allowed).
export function monthCalendar({ month, info, selected, today, focus, labels, canPrev, canNext, onPick, onLeave, onMonth }) {
  const id = `cal-${(counter += 1)}`;
  const first = `${month}-01`;
  const days = daysIn(month);
  const lead = (utc(first).getUTCDay() + 6) % 7; // Monday first
  const status = h('p', { class: 'cal-status', id: `${id}-status` });
  const buttons = new Map();

  const cells = [];
  for (let i = 0; i < lead; i += 1) cells.push(h('td', {}));
  for (let d = 1; d <= days; d += 1) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    const about = info(day);
    const button = h('button', {
      type: 'button',
      class: `cal-day cal-${about.kind}${day === selected ? ' is-selected' : ''}`,
      tabindex: '-1',
      'data-date': day,
      'aria-label': about.label,
      'aria-disabled': about.enabled ? null : 'true',
      'aria-current': day === today ? 'date' : null,
    }, h('span', { class: 'cal-num' }, String(d)), about.note && h('span', { class: 'cal-note' }, about.note));
    buttons.set(day, { button, about });
    cells.push(h('td', { 'aria-selected': day === selected ? 'true' : null }, button));
  }
  while (cells.length % 7) cells.push(h('td', {}));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));

  const short = names('short');
  const long = names('long');
  const title = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(first));
  const grid = h('table', { class: 'cal-grid', role: 'grid', 'aria-labelledby': `${id}-title` },
    h('thead', {}, h('tr', {}, short.map((s, i) => h('th', { scope: 'col' },
      h('span', { 'aria-hidden': 'true' }, s), h('span', { class: 'sr-only' }, long[i]))))),
    h('tbody', {}, rows));

  const show = (day) => {
    const entry = buttons.get(day);
    status.textContent = entry ? entry.about.label : '';
  };

  function move(day) {
    const entry = buttons.get(day);
    if (!entry) {
      onLeave?.(day);
      return;
    }
    for (const { button } of buttons.values()) button.tabIndex = -1;
    entry.button.tabIndex = 0;
    entry.button.focus();
    show(day);
  }

  const start = [focus, selected].find((d) => buttons.has(d))
    || [...buttons.keys()].find((d) => buttons.get(d).about.enabled) || first;
  buttons.get(start).button.tabIndex = 0;

  grid.addEventListener('keydown', (event) => {
    const day = event.target.dataset?.date;
    if (!day) return;
    const weekday = (utc(day).getUTCDay() + 6) % 7;
    const steps = {
      ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -weekday, End: 6 - weekday,
    };
    let target = null;
    if (event.key in steps) target = addDays(day, steps[event.key]);
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      const other = addMonths(day.slice(0, 7), event.key === 'PageUp' ? -1 : 1);
      target = `${other}-${String(Math.min(Number(day.slice(8)), daysIn(other))).padStart(2, '0')}`;
    }
    if (!target) return;
    event.preventDefault();
    move(target);
  });
  grid.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-date]');
    if (!button) return;
    const { about } = buttons.get(button.dataset.date);
    move(button.dataset.date);
    if (about.enabled) onPick(button.dataset.date);
  });
  grid.addEventListener('focusin', (event) => show(event.target.dataset?.date));
  grid.addEventListener('mouseover', (event) => show(event.target.closest('button')?.dataset.date));

  const nav = (n, enabled, text) => h('button', {
    type: 'button', class: 'button button-secondary cal-nav', disabled: !enabled, onclick: () => onMonth(n),
  }, h('span', { 'aria-hidden': 'true' }, n < 0 ? '‹' : '›'), h('span', { class: 'sr-only' }, text));

  const node = h('div', { class: 'cal' },
    h('div', { class: 'cal-head' },
      nav(-1, canPrev, labels.prev),
      h('h3', { id: `${id}-title`, class: 'cal-title', 'aria-live': 'polite' }, title),
      nav(1, canNext, labels.next)),
    grid,
    status);
  node.focusDay = (day) => move(buttons.has(day) ? day : start);
  return node;
}
