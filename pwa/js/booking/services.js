// Step 1: one or more services; the total duration and the documents to bring
// are shown while choosing. A pickup is always booked on its own.
import { h } from '../dom.js';
import { localized, t } from '../i18n.js';
import { checklist, documentsFor, groupError, minutes, serviceOf, step, stepActions } from './common.js';

export function pickupMixed(chosen) {
  return chosen.some((s) => s.pickup) && chosen.length > 1;
}

export default function servicesStep(ctx) {
  const { cat, state } = ctx;
  const max = cat.rules?.max_services || 4;
  const picked = new Set(state.services);
  const total = h('p', { class: 'total', 'aria-live': 'polite' });
  const rule = h('p', { class: 'notice notice-warn', 'aria-live': 'polite', hidden: true });
  const bring = h('div', {});
  const officeCount = cat.offices.length;

  function card(s) {
    const id = `service-${s.id}`;
    const offices = s.offices.length < officeCount
      ? cat.offices.filter((o) => s.offices.includes(o.id)).map((o) => o.name).join(', ') : null;
    return h('li', { class: 'choice' },
      h('input', { type: 'checkbox', id, name: 'services', value: s.id, checked: picked.has(s.id) }),
      h('label', { for: id },
        h('span', { class: 'choice-title' }, localized(s.name)),
        h('span', { class: 'choice-meta' }, minutes(s.duration_minutes)),
        offices && h('span', { class: 'choice-meta' }, t('booking.services.only', { offices })),
        s.pickup && h('span', { class: 'choice-meta' }, t('booking.services.pickup'))));
  }

  const group = h('fieldset', { class: 'field', id: 'services-field', 'aria-describedby': 'services-hint' },
    h('legend', {}, t('booking.services.legend')),
    h('p', { class: 'hint', id: 'services-hint' }, t('booking.services.hint', { max })),
    h('ul', { class: 'choices' }, cat.services.map(card)));

  const chosen = () => cat.services.filter((s) => picked.has(s.id));

  function update() {
    const list = chosen();
    const sum = list.reduce((acc, s) => acc + s.duration_minutes, 0);
    total.textContent = list.length ? t('booking.services.total', { duration: minutes(sum) }) : '';
    const mixed = pickupMixed(list);
    rule.hidden = !mixed;
    rule.textContent = mixed ? t('booking.services.pickupAlone') : '';
    bring.replaceChildren(list.length ? checklist(documentsFor(list)) : '');
  }

  const form = h('form', { class: 'form', novalidate: true }, group, total, rule, bring, stepActions(ctx));
  form.addEventListener('change', (event) => {
    if (event.target.checked) picked.add(event.target.value);
    else picked.delete(event.target.value);
    groupError(group, null);
    update();
    import('./office.js'); // warm up the next step
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const list = chosen();
    let problem = null;
    if (!list.length) problem = t('booking.services.required');
    else if (pickupMixed(list)) problem = t('booking.services.pickupAlone');
    else if (list.length > max) problem = t('booking.services.max', { max });
    if (problem) {
      groupError(group, problem);
      return;
    }
    const ids = list.map((s) => s.id);
    if (ids.join() !== state.services.join()) {
      Object.assign(state, { services: ids, day: null, start: null });
      if (state.office && !ids.every((id) => serviceOf(cat, id).offices.includes(state.office))) state.office = null;
    }
    ctx.next();
  });
  update();
  return step(ctx, t('booking.step.services.title'), form);
}
