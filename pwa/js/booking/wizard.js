// /termin: book an appointment in five steps (services, office, day, time,
// details), then the confirmation. Steps after the first load on demand.
// /termin?dienst=<service id>[,<service id>]&buero=<office id> starts with these chosen
// (the "book again" links of the manage page and the cancellation e-mail); &vorgang=<reference>
// prefills the document order to pick up (the pickup appointment link of an order's page).
import { h, telLink } from '../dom.js';
import { localized, t } from '../i18n.js';
import { navigate } from '../router.js';
import { errorText } from '../shell.js';
import { catalogue, focusHeading, officeOf, serviceOf } from './common.js';
import services, { pickupMixed } from './services.js';

const STEPS = [
  { key: 'services', load: () => Promise.resolve({ default: services }) },
  { key: 'office', load: () => import('./office.js') },
  { key: 'day', load: () => import('./day.js') },
  { key: 'time', load: () => import('./time.js') },
  { key: 'details', load: () => import('./details.js') },
];

// Kept while the page lives, so a language switch (which re-renders) keeps the progress.
let memory = null;

// What a cancelled booking leaves for the next booking in this tab only: service, office, name, e-mail.
const AGAIN_KEY = 'booking.again';

export function againHref(booking) {
  const ids = [...new Set(booking.services.map((s) => s.id))].map(encodeURIComponent).join(',');
  return `/termin?dienst=${ids}&buero=${encodeURIComponent(booking.office.id)}`;
}

export function keepForNextBooking(booking) {
  try {
    sessionStorage.setItem(AGAIN_KEY, JSON.stringify({ name: booking.name || '', email: booking.email || '' }));
  } catch {
    // storage unavailable: the next booking starts with empty contact fields
  }
}

function takeContact() {
  try {
    const kept = JSON.parse(sessionStorage.getItem(AGAIN_KEY) || 'null');
    return kept && typeof kept === 'object' ? { name: String(kept.name || ''), email: String(kept.email || '') } : null;
  } catch {
    return null;
  }
}

function forgetContact() {
  try {
    sessionStorage.removeItem(AGAIN_KEY);
  } catch {
    // nothing kept
  }
}

// Services and office from the query, where the catalogue has them and they go together.
function chosenByLink(cat, query) {
  const max = cat.rules?.max_services || 4;
  const ids = [...new Set((query?.get('dienst') || '').split(','))].filter((id) => serviceOf(cat, id));
  const list = ids.length <= max && !pickupMixed(ids.map((id) => serviceOf(cat, id))) ? ids : [];
  const office = query?.get('buero');
  const fits = office && officeOf(cat, office) && list.every((id) => serviceOf(cat, id).offices.includes(office));
  return { services: list, office: fits ? office : null };
}

function start(cat, query) {
  const link = query?.get('dienst') || query?.get('buero') ? query.toString() : '';
  if (memory && (!link || memory.link === link)) return;
  const chosen = chosenByLink(cat, query);
  const order = (query?.get('vorgang') || '').slice(0, 80);
  memory = { index: 0, link, state: { ...chosen, order, day: null, start: null, contact: takeContact() } };
}

function progress(index) {
  return h('ol', { class: 'steps', 'aria-label': t('booking.steps') },
    STEPS.map((step, i) => h('li', {
      class: i < index ? 'done' : null,
      'aria-current': i === index ? 'step' : null,
    }, h('span', { class: 'steps-n', 'aria-hidden': 'true' }, String(i + 1)),
    h('span', { class: 'steps-label' }, t(`booking.step.${step.key}`)))));
}

function help(town) {
  const route = (town.contact.routes || []).find((r) => r.key === 'booking');
  return h('aside', { class: 'callout', 'aria-labelledby': 'booking-help' },
    h('h2', { id: 'booking-help' }, t('booking.help.title')),
    h('p', {}, route ? localized(route.label) : t('booking.help.text')),
    h('p', {}, telLink(route?.phone || town.contact.phone, 'tel tel-large')),
    route?.hours && h('p', { class: 'muted' }, localized(route.hours)));
}

export default async function wizard({ town, query }) {
  let cat;
  try {
    cat = await catalogue();
  } catch (err) {
    // Free times are checked live: without a connection no new time can be booked.
    if (err.code === 'network') {
      const retry = () => navigate(location.pathname + location.search, { replace: true });
      return (await import('../views/offline.js')).offlineView({ title: t('feature.booking.title'), text: t('booking.offline'), retry, extra: help(town) });
    }
    throw err;
  }
  start(cat, query);
  const { state } = memory;
  const steps = h('div', {});
  const body = h('div', { class: 'step-body' });
  const root = h('div', { class: 'view booking' },
    h('h1', {}, t('feature.booking.title')),
    h('p', { class: 'lead' }, t('booking.lead')),
    h('p', {}, h('a', { href: '/termin/meine' }, t('booking.mine.link'))),
    steps, body, help(town));
  const title = document.title;

  async function show(index, focus = true) {
    memory.index = index;
    steps.replaceChildren(progress(index));
    body.setAttribute('aria-busy', 'true');
    let node;
    try {
      const module = await STEPS[index].load();
      node = await module.default({
        cat, town, state,
        number: t('booking.stepOf', { n: index + 1, of: STEPS.length }),
        next: () => show(index + 1),
        back: index > 0 ? () => show(index - 1) : null,
        done: finish,
      });
    } catch (err) {
      node = h('section', {},
        h('h2', {}, t('error.title')),
        h('p', { class: 'notice notice-error', role: 'alert' }, errorText(err)),
        h('p', {}, h('button', { type: 'button', class: 'button', onclick: () => show(index) }, t('action.retry'))));
    }
    if (memory.index !== index) return;
    body.replaceChildren(node);
    body.removeAttribute('aria-busy');
    const heading = node.querySelector('h2');
    if (heading) document.title = `${heading.textContent} – ${title}`;
    if (focus) focusHeading(node);
  }

  // The booking is made: the confirmation replaces the whole page.
  async function finish(answer) {
    memory = null;
    forgetContact();
    const { default: done } = await import('./done.js');
    const page = done({ cat, answer });
    root.replaceWith(page);
    const heading = page.querySelector('h1');
    document.title = `${heading.textContent} – ${title.split(' – ').slice(1).join(' – ')}`;
    window.scrollTo(0, 0);
    focusHeading(page);
  }

  await show(memory.index, false);
  return root;
}
