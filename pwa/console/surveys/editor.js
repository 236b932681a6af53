// Survey editor: texts in German and English side by side, the period, the
// questions (add, remove, reorder by buttons, options, one level of follow-up),
// the optional raffle, and a live preview as citizens will see the survey.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { checkbox, clearErrors, field } from '../../js/forms.js';
import { LANGUAGES, lang, t } from '../../js/i18n.js';
import { navigate } from '../../js/router.js';
import {
  BASE, CHOICE_TYPES, SLUG, TYPES, addDays, alertBox, apiPath, cloneForm, control, liveRegion,
  loadSurvey, nextId, select, showFieldErrors, slugify, surveyHeader, surveyPath, today,
} from './common.js';
import { endSection } from './end.js';
import { renderSurvey } from './preview.js';
import { questionsEditor, uniqueId } from './editor-questions.js';
import { getPath, setPath } from './paths.js';

const CODES = Object.keys(LANGUAGES);
// Unsaved edits survive a language switch or a visit to another page (same tab).
const drafts = new Map();

const emptyText = () => ({ de: '', en: '' });

function newSurvey() {
  const opens = today();
  return {
    id: '', status: 'draft', title: emptyText(), intro: emptyText(), privacy: {
      de: t('console.survey.privacyDefault.de'), en: t('console.survey.privacyDefault.en'),
    },
    opens, closes: addDays(opens, 28), raffle: null, questions: [],
  };
}

function label(key, code) {
  return `${t(key)} (${LANGUAGES[code].name})`;
}

export default async function surveyEditor({ params, query }) {
  const isNew = !params.id;
  const key = params.id || '';
  const view = isNew ? null : await loadSurvey(params.id);
  const saved = drafts.get(key);
  const restored = saved && (isNew || saved.revision === view.revision);
  const state = restored ? saved.state : {
    survey: isNew ? newSurvey() : structuredClone(view.survey),
    raffleOn: isNew ? false : Boolean(view.survey.raffle),
    autoSurveyId: isNew,
    previewLang: lang(),
    answers: {},
    current: null,
  };
  if (!restored) drafts.delete(key);
  const survey = () => state.survey;
  // Ids derived from the German text until someone types an id of their own.
  const autoIds = state.autoIds || (state.autoIds = new WeakSet());
  const live = liveRegion();
  const status = h('div', { class: 'sv-status' });

  function touched() {
    if (!drafts.has(key)) drafts.set(key, { revision: view?.revision, state });
  }

  // --- text fields ---------------------------------------------------------------

  function textField(path, labelKey, code, { rows = 0, required = false, max, hint } = {}) {
    return field({
      name: `${path}.${code}`,
      label: label(labelKey, code),
      value: getPath(state.survey, `${path}.${code}`) ?? '',
      rows,
      hint,
      required: required && code === 'de',
      autocomplete: 'off',
      attrs: { lang: code, 'data-path': `${path}.${code}`, maxlength: max, spellcheck: 'true' },
    });
  }

  function pair(path, labelKey, options = {}) {
    return h('div', { class: 'sv-pair' }, CODES.map((code) => textField(path, labelKey, code, options)));
  }

  function dateField(path, labelKey, value, hint) {
    const el = h('input', { type: 'date', value: value || '', 'data-path': path, autocomplete: 'off', required: true });
    return control({ name: path, label: t(labelKey), hint, el });
  }

  // --- questions -------------------------------------------------------------------

  const refs = {};
  const { questionList, renderQuestions, addQuestion, typeName } = questionsEditor({
    state, survey, touched, live, pair, autoIds, label, refs,
    schedulePreview: (...args) => schedulePreview(...args),
  });
  const raffleArea = h('div', {});
  function renderRaffle() {
    if (!state.raffleOn) return raffleArea.replaceChildren();
    const r = survey().raffle || (survey().raffle = { prize: emptyText(), winners: 1,
      publication_end: addDays(survey().closes || today(), 28) });
    raffleArea.replaceChildren(
      pair('raffle.prize', 'console.survey.prize', { required: true, rows: 2, max: 300 }),
      pair('raffle.prize_each', 'console.survey.prizeEach', { max: 200, hint: t('console.survey.prizeEachHint') }),
      h('div', { class: 'sv-pair' },
        control({ name: 'raffle.winners', label: t('console.survey.winners'),
          el: h('input', { type: 'number', min: 1, max: 1000, step: 1, value: r.winners, inputmode: 'numeric',
            'data-path': 'raffle.winners', 'data-int': '1', autocomplete: 'off', class: 'sv-num' }) }),
        dateField('raffle.publication_end', 'console.survey.publicationEnd', r.publication_end,
          t('console.survey.publicationEndHint'))),
    );
    return undefined;
  }
  const raffleToggle = checkbox({ name: 'raffle', label: t('console.survey.raffleOn'), checked: state.raffleOn });
  raffleToggle.querySelector('input').addEventListener('change', (event) => {
    state.raffleOn = event.target.checked;
    touched();
    renderRaffle();
    if (state.raffleOn) raffleArea.querySelector('textarea, input')?.focus();
  });

  // --- general fields -------------------------------------------------------------------

  let idArea;
  if (isNew) {
    idArea = field({ name: 'id', label: t('console.survey.id'), hint: t('console.survey.idHint'), value: survey().id,
      autocomplete: 'off', attrs: { 'data-path': 'id', spellcheck: 'false', autocapitalize: 'none', maxlength: 40, class: 'sv-id' } });
  } else {
    idArea = h('dl', { class: 'facts' },
      h('dt', {}, t('console.survey.id')), h('dd', {}, h('code', {}, view.survey.id)),
      h('dt', {}, t('console.survey.publicLink')), h('dd', {}, h('code', {}, view.public_url)));
  }

  const addType = select(TYPES.map((type) => [type, typeName(type)]), 'single', { 'data-key': 'add-type' });
  const addArea = h('div', { class: 'sv-add', 'data-field': 'questions' },
    h('label', { for: (addType.id = nextId('addtype')) }, t('console.survey.addType')),
    h('div', { class: 'sv-add-row' }, addType,
      h('button', { type: 'button', class: 'button button-secondary', onclick: () => addQuestion(addType.value) },
        t('console.survey.addQuestion'))));

  const saveButton = h('button', { type: 'submit', class: 'button' }, t(isNew ? 'console.survey.create' : 'console.survey.save'));
  const form = h('form', { class: 'sv-editor-form', novalidate: true },
    h('fieldset', { class: 'group' }, h('legend', {}, t('console.survey.general')),
      idArea,
      pair('title', 'console.survey.title', { required: true, max: 200 }),
      pair('intro', 'console.survey.intro', { required: true, rows: 3, max: 2000 }),
      pair('privacy', 'console.survey.privacy', { required: true, rows: 4, max: 5000 }),
      h('div', { class: 'sv-pair' },
        dateField('opens', 'console.survey.opens', survey().opens),
        dateField('closes', 'console.survey.closes', survey().closes))),
    h('fieldset', { class: 'group sv-questions' }, h('legend', {}, t('console.survey.questions')),
      h('p', { class: 'hint' }, t('console.survey.questionsHint')),
      questionList, addArea),
    h('fieldset', { class: 'group' }, h('legend', {}, t('console.survey.raffle')),
      h('p', { class: 'hint' }, t('console.survey.raffleHint')),
      raffleToggle, raffleArea),
    h('div', { class: 'actions sv-save' }, saveButton,
      !isNew && view.survey.status === 'draft' && h('a', { href: surveyPath(view.survey.id, 'publish') },
        t('console.survey.toPublish'))),
    status,
  );
  refs.form = form;
  refs.addArea = addArea;

  // Every bound control writes its value into the survey as it changes.
  form.addEventListener('input', (event) => {
    const el = event.target;
    const path = el.dataset.path;
    if (!path) return;
    let value = el.type === 'checkbox' ? el.checked : el.value;
    if (el.dataset.int) value = el.value === '' ? null : Number.parseInt(el.value, 10);
    const before = getPath(state.survey, path);
    setPath(state.survey, path, value);
    touched();
    if (path === 'id') state.autoSurveyId = false;
    if (path === 'title.de' && state.autoSurveyId) {
      survey().id = slugify(value);
      form.querySelector('[data-path="id"]').value = survey().id;
    }
    if (el.dataset.qidInput !== undefined) {
      for (const q of survey().questions) if (q.show_if?.question_id === before) q.show_if.question_id = value;
    }
    const optionRef = /^questions\[(\d+)\]\.options\[(\d+)\]\.(id|label\.de)$/.exec(path);
    if (optionRef) {
      const q = survey().questions[Number(optionRef[1])];
      const option = q.options[Number(optionRef[2])];
      if (optionRef[3] === 'id') autoIds.delete(option);
      let oldId = optionRef[3] === 'id' ? before : option.id;
      if (optionRef[3] === 'label.de' && autoIds.has(option)) {
        const taken = new Set(q.options.filter((o) => o !== option).map((o) => o.id));
        option.id = uniqueId(slugify(value, 30) || `a${Number(optionRef[2]) + 1}`, taken);
        const idInput = form.querySelector(`[data-path="questions[${optionRef[1]}].options[${optionRef[2]}].id"]`);
        if (idInput) idInput.value = option.id;
      } else if (optionRef[3] !== 'id') {
        oldId = null;
      }
      if (oldId != null && oldId !== option.id) {
        for (const x of survey().questions) {
          if (x.show_if?.question_id === q.id) x.show_if.values = x.show_if.values.map((v) => (v === oldId ? option.id : v));
        }
      }
    }
    if (path === 'closes' && state.raffleOn && !survey().raffle?.publication_end) {
      setPath(state.survey, 'raffle.publication_end', addDays(value, 28));
    }
    schedulePreview();
  });
  form.addEventListener('focusin', (event) => {
    const card = event.target.closest('.sv-qcard');
    const qid = card ? survey().questions[Number(card.dataset.index)]?.id : null;
    if (qid !== state.current) {
      state.current = qid;
      schedulePreview(true);
    }
  });

  // --- preview ---------------------------------------------------------------------------

  const previewBody = h('div', { class: 'sv-preview-body' });
  const previewLang = select(CODES.map((code) => [code, LANGUAGES[code].name]), state.previewLang);
  previewLang.addEventListener('change', () => {
    state.previewLang = previewLang.value;
    schedulePreview();
  });
  let frame = 0;
  function schedulePreview(scroll = false) {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => renderPreview(scroll));
  }
  function renderPreview(scroll, focusAfter) {
    previewBody.replaceChildren(renderSurvey(payload(), {
      code: state.previewLang,
      answers: state.answers,
      current: state.current,
      onAnswer: (qid, value) => {
        state.answers[qid] = value;
        if (survey().questions.some((q) => q.show_if?.question_id === qid)) {
          const active = document.activeElement;
          const selector = active?.closest('[data-qid]') && active.value !== undefined
            ? `[data-qid="${CSS.escape(qid)}"] input[value="${CSS.escape(active.value)}"]` : null;
          renderPreview(false, selector);
        }
      },
    }));
    if (focusAfter) previewBody.querySelector(focusAfter)?.focus();
    if (scroll && state.current) {
      const target = previewBody.querySelector(`[data-qid="${CSS.escape(state.current)}"]`);
      if (target && previewBody.scrollHeight > previewBody.clientHeight) {
        previewBody.scrollTop = target.offsetTop - previewBody.offsetTop - 16;
      }
    }
  }
  const previewHeading = nextId('preview');
  const preview = h('section', { class: 'sv-preview', 'aria-labelledby': previewHeading },
    h('div', { class: 'sv-preview-head' },
      h('h2', { id: previewHeading }, t('console.survey.preview')),
      control({ name: 'preview-lang', label: t('console.survey.previewLang'), el: previewLang, cls: 'sv-inline-field' })),
    h('p', { class: 'hint' }, t('console.survey.previewHint')),
    previewBody);

  // --- saving -------------------------------------------------------------------------------

  // The survey as the API expects it: unused parts dropped, empty help removed.
  function payload() {
    const s = structuredClone(state.survey);
    s.raffle = state.raffleOn ? s.raffle : null;
    s.questions = s.questions.map((q) => ({
      ...q,
      options: CHOICE_TYPES.includes(q.type) ? q.options : [],
      max_length: q.type === 'text' ? q.max_length : null,
      help: q.help && (q.help.de?.trim() || q.help.en?.trim()) ? q.help : null,
    }));
    if (isNew) {
      delete s.series;
      delete s.wave;
    }
    return s;
  }

  // The new wave starts with the edits made here (questions included), waiting to be saved.
  function carryEdits(created) {
    const target = created.survey;
    const edited = structuredClone(state.survey);
    const raffle = state.raffleOn && edited.raffle
      ? { ...edited.raffle, publication_end: target.raffle?.publication_end || edited.raffle.publication_end } : null;
    drafts.delete(key);
    drafts.set(target.id, {
      revision: created.revision,
      state: { ...state, answers: {}, current: null, autoIds: new WeakSet(), raffleOn: Boolean(raffle),
        survey: { ...edited, id: target.id, series: target.series, wave: target.wave, status: target.status,
          opens: target.opens, closes: target.closes, raffle } },
    });
  }

  function showCloneOffer(err) {
    const offer = h('div', { class: 'sv-clone-area' });
    const open = () => {
      const clone = cloneForm(view, { onCreated: carryEdits, onCancel: () => { offer.replaceChildren(); button.focus(); } });
      offer.replaceChildren(clone);
      clone.focusHeading();
    };
    const button = h('button', { type: 'button', class: 'button', onclick: open }, t('console.survey.cloneAction'));
    const box = alertBox(err, {}, h('div', { class: 'actions' }, button));
    status.replaceChildren(box, offer);
    box.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    clearErrors(form);
    status.replaceChildren();
    const body = payload();
    if (isNew && !SLUG.test(body.id || '')) {
      showFieldErrors(form, { code: 'validation_failed', fields: { id: 'must be 1-40 characters a-z, 0-9, _ or -' } });
      return;
    }
    form.dataset.busy = '1';
    form.setAttribute('aria-busy', 'true');
    try {
      if (isNew) {
        const created = await api.post('/api/surveys', body);
        drafts.delete(key);
        navigate(`${surveyPath(created.survey.id)}?angelegt=1`, { replace: true });
        return;
      }
      const updated = await api.put(apiPath(view.survey.id), body);
      drafts.delete(key);
      Object.assign(view, updated);
      const done = h('p', { class: 'notice notice-ok', role: 'status', tabindex: '-1' }, t('console.survey.saved'));
      status.replaceChildren(done);
      done.focus();
    } catch (err) {
      if (err.code === 'clone_required') showCloneOffer(err);
      else if (Object.keys(err.fields || {}).length) showFieldErrors(form, err);
      else {
        const box = alertBox(err, {});
        status.replaceChildren(box);
        box.focus();
      }
    } finally {
      delete form.dataset.busy;
      form.removeAttribute('aria-busy');
    }
  });

  renderQuestions();
  renderRaffle();
  renderPreview();

  const notices = [];
  if (query.get('angelegt')) notices.push(h('p', { class: 'notice notice-ok', role: 'status' }, t('console.survey.created')));
  if (query.get('neu') === 'welle') notices.push(h('p', { class: 'notice notice-ok', role: 'status' }, t('console.survey.cloned')));
  if (restored) {
    const discard = h('button', { type: 'button', class: 'button button-small button-secondary', onclick: () => {
      drafts.delete(key);
      navigate(location.pathname, { replace: true });
    } }, t('console.survey.discard'));
    notices.push(h('div', { class: 'notice', role: 'status' }, h('p', {}, t('console.survey.restored')), discard));
  }
  if (view && view.survey.status === 'published' && view.availability === 'open') {
    // Ending early closes the survey today for good; the editor then shows it as ended.
    notices.push(endSection(view, () => navigate(`${location.pathname}?beendet=1`, { replace: true })));
  }
  if (query.get('beendet')) notices.push(h('p', { class: 'notice notice-ok', role: 'status' }, t('console.survey.endedHere')));
  // The address names the survey alone: a reload opens it again without repeating the notice.
  if (!isNew && location.search) history.replaceState(null, '', surveyPath(view.survey.id));
  if (view && !view.questions_editable) {
    const offer = h('div', {});
    const button = h('button', { type: 'button', class: 'button button-small', onclick: () => {
      const clone = cloneForm(view, { onCreated: carryEdits, onCancel: () => { offer.replaceChildren(); button.focus(); } });
      offer.replaceChildren(clone);
      clone.focusHeading();
    } }, t('console.survey.cloneAction'));
    notices.push(h('div', { class: 'notice sv-locked' },
      h('p', {}, t('console.survey.locked', { count: view.responses })), h('div', { class: 'actions' }, button), offer));
  }

  return h('div', { class: 'view sv-wide sv-editor-page' },
    isNew
      ? [h('p', { class: 'sv-back' }, h('a', { class: 'back', href: BASE }, t('console.survey.backToList'))),
        h('h1', {}, t('console.survey.newTitle'))]
      : surveyHeader(view, 'edit'),
    notices,
    live,
    h('div', { class: 'sv-editor-grid' }, form, preview),
  );
}
