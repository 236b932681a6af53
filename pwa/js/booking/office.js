// Step 2: the citizen offices that offer every chosen service, with address and hours.
import { h } from '../dom.js';
import { localized, needs, t } from '../i18n.js';
import { groupError, serviceOf, step, stepActions } from './common.js';

await needs(['booking-more']);

export default function officeStep(ctx) {
  const { cat, state } = ctx;
  const offices = cat.offices.filter((o) => state.services.every((id) => serviceOf(cat, id)?.offices.includes(o.id)));
  if (!offices.length) {
    return step(ctx, t('booking.step.office.title'),
      h('p', { class: 'notice notice-warn' }, t('booking.office.none')),
      stepActions(ctx, null));
  }
  const current = offices.some((o) => o.id === state.office) ? state.office : offices.length === 1 ? offices[0].id : null;

  const group = h('fieldset', { class: 'field', id: 'office-field' },
    h('legend', {}, t('booking.office.legend')),
    h('ul', { class: 'choices' }, offices.map((o) => {
      const id = `office-${o.id}`;
      return h('li', { class: 'choice' },
        h('input', { type: 'radio', id, name: 'office', value: o.id, checked: o.id === current }),
        h('label', { for: id },
          h('span', { class: 'choice-title' }, o.name),
          h('span', { class: 'choice-meta' }, o.address),
          h('span', { class: 'choice-meta lines' }, localized(o.hours_text).replace(/\s+·\s+/g, '\n'))));
    })));

  const form = h('form', { class: 'form', novalidate: true }, group, stepActions(ctx));
  form.addEventListener('change', () => {
    groupError(group, null);
    import('./day.js'); // warm up the next step
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input:checked')?.value;
    if (!chosen) {
      groupError(group, t('booking.office.required'));
      return;
    }
    if (chosen !== state.office) Object.assign(state, { office: chosen, day: null, start: null });
    ctx.next();
  });
  return step(ctx, t('booking.step.office.title'), form);
}
