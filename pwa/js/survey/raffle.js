// The optional raffle after answering: first and last name, e-mail and consent
// to the stated purpose, with the deletion date. It uses the ticket from the
// submission answer; the entry is stored apart from the answers.
import { api } from '../api.js';
import { h } from '../dom.js';
import { checkbox, field, showErrors, submitButton, submitting, values } from '../forms.js';
import { formatDateTime, needs, t } from '../i18n.js';
import { keep, tx } from './parts.js';

await needs(['survey-end']);

const day = (iso) => formatDateTime(`${iso}T12:00:00`, { dateStyle: 'long' });

// Server answers in the citizen's words: which field, which message.
function problemOf(err) {
  if (err.status === 0) return { message: t('survey.raffleOffline') };
  if (err.code === 'already_entered') return { message: t('survey.duplicate'), fields: { email: t('survey.duplicate') } };
  if (err.code === 'ticket_invalid') return { message: t('survey.ticketInvalid') };
  if (/^raffle_(expired|already_drawn)$/.test(err.code)) return { message: t('survey.raffleOver') };
  if (err.status === 400) {
    const fields = {};
    for (const name of Object.keys(err.fields)) {
      fields[name] = t(name === 'email' ? 'survey.emailInvalid' : name === 'consent' ? 'survey.consentMissing' : 'survey.invalid');
    }
    return { code: 'validation_failed', fields };
  }
  return err;
}

export function raffle(id, info) {
  const deletion = day(info.deletion_date);
  const form = h('form', { class: 'form', novalidate: true, onsubmit },
    field({ name: 'first_name', label: t('survey.firstName'), autocomplete: 'given-name', attrs: { maxlength: 80 } }),
    field({ name: 'last_name', label: t('survey.lastName'), autocomplete: 'family-name', attrs: { maxlength: 80 } }),
    field({ name: 'email', type: 'email', label: t('survey.email'), autocomplete: 'email', attrs: { maxlength: 254 } }),
    checkbox({ name: 'consent', label: t('survey.consent', { date: deletion }), summary: t('survey.consentShort') }),
    h('div', { class: 'actions' }, submitButton(t('survey.enter'))));
  const section = h('section', { class: 'callout', 'aria-labelledby': 'raffle-title' },
    h('h2', { id: 'raffle-title', tabindex: '-1' }, t('survey.raffleTitle')),
    h('p', {}, t('survey.raffleText', { prize: tx(info.prize) })),
    h('p', {}, t('survey.raffleDeletion', { date: deletion })),
    form);

  function check(v) {
    const fields = {};
    for (const name of ['first_name', 'last_name', 'email']) if (!v[name].trim()) fields[name] = t('form.required');
    if (!fields.email && !form.elements.email.validity.valid) fields.email = t('survey.emailInvalid');
    if (!v.consent) fields.consent = t('survey.consentMissing');
    return Object.keys(fields).length ? fields : null;
  }

  async function onsubmit(event) {
    event.preventDefault();
    await submitting(form, async () => {
      const v = values(form);
      const fields = check(v);
      if (fields) {
        showErrors(form, { code: 'validation_failed', fields });
        return;
      }
      try {
        const res = await api.post(`/api/public/surveys/${encodeURIComponent(id)}/raffle`, {
          ticket: info.ticket,
          first_name: v.first_name.trim(),
          last_name: v.last_name.trim(),
          email: v.email.trim(),
          consent: true,
        });
        keep('local', `survey-ticket:${id}`, null);
        const title = section.querySelector('h2');
        section.replaceChildren(title,
          h('p', { class: 'notice notice-ok', role: 'status' }, t('survey.entered', { date: day(res.deletion_date) })));
        title.focus();
      } catch (err) {
        if (err.code === 'ticket_invalid') keep('local', `survey-ticket:${id}`, null);
        showErrors(form, problemOf(err));
      }
    });
  }

  return section;
}
