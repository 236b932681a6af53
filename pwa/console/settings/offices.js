// Citizen offices (opening hours, counters, pickup places, closures) and the
// service catalogue. Saving loads the town document fresh, replaces its
// "offices" and "services" and keeps everything else. Inputs carry the
// server's field path (data-field="offices[0].hours.mon") so validation
// errors land next to them.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { clearErrors as clearFieldErrors, errorLink, markInvalid, submitButton, submitting } from '../../js/forms.js';
import { errorText } from '../../js/shell.js';
import { t } from '../../js/i18n.js';
import { officeSection, serviceSection } from './services.js';


// The closest input for a server path: "offices[0].hours.mon[1]" falls back to
// "offices[0].hours.mon", then "offices[0].hours", ...
function findField(form, path) {
  let rest = path;
  while (rest) {
    const wrap = form.querySelector(`[data-field="${CSS.escape(rest)}"]`);
    if (wrap) return wrap;
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    rest = cut > 0 ? rest.slice(0, cut) : '';
  }
  return null;
}

function clearErrors(form, summaryBox) {
  summaryBox.replaceChildren();
  clearFieldErrors(form);
}

function showErrors(form, summaryBox, err) {
  clearErrors(form, summaryBox);
  const items = [];
  for (const [path, message] of Object.entries(err.fields || {})) {
    const wrap = findField(form, path);
    const controls = wrap ? [...wrap.querySelectorAll('input, select, textarea')] : [];
    if (!controls.length) {
      items.push(h('li', {}, `${path}: ${message}`));
      continue;
    }
    const first = controls.find((c) => c.dataset.key === path) || controls[0];
    const errorId = `${first.id}-error`;
    if (!document.getElementById(errorId)) markInvalid(wrap, controls, errorId, message);
    items.push(errorLink(first, `${wrap.dataset.where || path}: ${message}`));
  }
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, errorText(err)),
    items.length > 0 && h('ul', {}, items),
  );
  summaryBox.replaceChildren(summary);
  summary.focus();
}

export default async function settingsOffices() {
  const { document: loaded } = await api.get('/api/admin/town');
  const model = { offices: structuredClone(loaded.offices || []), services: structuredClone(loaded.services || []) };
  const status = h('div', {});
  const summaryBox = h('div', {});
  const body = h('div', {});
  const form = h('form', { class: 'form form-wide', novalidate: true },
    summaryBox, body, h('div', { class: 'actions' }, submitButton(t('action.save'))));

  // Structural changes (rows added or removed) redraw the form; focus goes to `focusKey`.
  function render(focusKey) {
    clearErrors(form, summaryBox);
    body.replaceChildren(...[
      h('h2', {}, t('console.catalogue.offices')),
      model.offices.map((office, i) => officeSection(model, office, i, render)),
      h('h2', {}, t('console.catalogue.services')),
      serviceSection(model, render),
    ].flat(Infinity).filter(Boolean));
    if (focusKey) form.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }
  render();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      status.replaceChildren();
      try {
        const { document: fresh } = await api.get('/api/admin/town');
        const next = { ...fresh, offices: model.offices, services: model.services };
        const { document: saved } = await api.put('/api/admin/town', { document: next });
        model.offices = structuredClone(saved.offices || []);
        model.services = structuredClone(saved.services || []);
        render();
        const done = h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' }, t('console.catalogue.saved'));
        status.replaceChildren(done);
        done.focus();
      } catch (err) {
        showErrors(form, summaryBox, err);
      }
    });
  });

  return h('div', { class: 'view' },
    h('h1', {}, t('console.catalogue.nav')),
    h('p', { class: 'lead' }, t('console.catalogue.nav.text')),
    status,
    form,
  );
}
