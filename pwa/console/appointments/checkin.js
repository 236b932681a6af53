// Check-in at the counter: type the booking code or scan the QR code with the
// camera (BarcodeDetector + getUserMedia where the browser has them).
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import {
  catalogue, chooseOffice, cleanCode, counterLabel, formatDay, dayOf, groupCode, isBookingCode, officeError, officeSelect,
  page,
  rememberOffice, serviceNames, statusBadge, timeRange,
} from './common.js';

const SCAN_EVERY_MS = 250;

export function canScan() {
  return 'BarcodeDetector' in window && Boolean(navigator.mediaDevices?.getUserMedia);
}

// The QR code holds the booking code; a link with ?code= is accepted too.
export function codeFromQr(value) {
  try {
    const url = new URL(value);
    const code = url.searchParams.get('code');
    if (code) return groupCode(cleanCode(code));
  } catch {
    // not a link: the code itself
  }
  return groupCode(cleanCode(value));
}

function resultCard(booking) {
  return h('div', { class: 'card checkin-card', tabindex: '-1' },
    h('h2', { class: 'checkin-title' }, t('console.office.checkin.done', { name: booking.name })),
    h('dl', { class: 'facts' },
      h('dt', {}, t('console.office.checkin.when')),
      h('dd', {}, formatDay(dayOf(booking.start), 'short'), ', ', timeRange(booking.start, booking.end)),
      h('dt', {}, t('console.office.checkin.where')),
      h('dd', { class: 'checkin-counter' }, counterLabel(booking.counter)),
      h('dt', {}, t('console.office.services')), h('dd', {}, serviceNames(booking.services)),
      booking.order_reference && h('dt', {}, t('console.office.order')),
      booking.order_reference && h('dd', {}, h('code', { class: 'order-reference' }, booking.order_reference)),
      h('dt', {}, t('console.office.code')), h('dd', {}, h('code', { class: 'booking-code' }, booking.code)),
      h('dt', {}, t('console.office.status')), h('dd', {}, statusBadge(booking.status)),
    ),
  );
}

export default async function checkin({ query }) {
  const cat = await catalogue();
  let office = chooseOffice(cat.offices, query.get('buero'));
  const { select: officeInput, wrap: officeField } = officeSelect({ id: 'checkin-office', offices: cat.offices, value: office });
  officeInput.addEventListener('change', () => {
    office = officeInput.value;
    rememberOffice(office);
  });

  const hintId = 'checkin-code-hint';
  const errorId = 'checkin-code-error';
  const input = h('input', {
    id: 'checkin-code', name: 'code', type: 'text', class: 'code-input', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', maxlength: '40', required: true, 'aria-describedby': hintId,
  });
  const error = h('p', { id: errorId, class: 'field-error', role: 'alert', hidden: true });
  const codeField = h('div', { class: 'field code-field', 'data-field': 'code' },
    h('label', { for: 'checkin-code' }, t('console.office.checkin.code')),
    h('p', { class: 'hint', id: hintId }, t('console.office.checkin.codeHint')),
    error,
    input,
  );
  const result = h('div', { class: 'checkin-result' });
  const live = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const recent = h('ol', { class: 'plain recent-list' });
  const recentSection = h('section', { 'aria-labelledby': 'recent-heading', hidden: true },
    h('h2', { id: 'recent-heading' }, t('console.office.checkin.recent')), recent);

  function setError(message) {
    codeField.classList.toggle('field-invalid', Boolean(message));
    error.hidden = !message;
    error.replaceChildren(...(message ? [h('span', { class: 'sr-only' }, `${t('form.errorPrefix')} `), message] : []));
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${hintId} ${errorId}`);
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', hintId);
    }
  }

  let busy = false;
  async function submit() {
    if (busy) return;
    const code = cleanCode(input.value);
    result.replaceChildren();
    if (!isBookingCode(code)) {
      setError(t('console.office.checkin.codeInvalid'));
      input.focus();
      return;
    }
    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const { booking } = await api.post('/api/office/check-in', { code: groupCode(code), office });
      setError('');
      input.value = '';
      result.replaceChildren(resultCard(booking));
      live.textContent = t('console.office.checkin.announce', {
        name: booking.name, counter: counterLabel(booking.counter), time: booking.start.slice(11, 16) });
      recent.prepend(h('li', {}, h('span', { class: 'time-range' }, booking.start.slice(11, 16)), ' ', booking.name, ' · ',
        h('code', {}, booking.code), ' · ', counterLabel(booking.counter)));
      while (recent.children.length > 5) recent.lastElementChild.remove();
      recentSection.hidden = false;
    } catch (err) {
      setError(officeError(err));
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
      input.focus();
      input.select();
    }
  }

  const form = h('form', { class: 'form checkin-form', novalidate: true },
    officeField,
    codeField,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, t('console.office.checkin.submit'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });

  // --- camera ---------------------------------------------------------------------------------
  const scanStatus = h('p', { class: 'scan-status', role: 'status' });
  let scanArea;
  if (canScan()) {
    let stream = null;
    let timer = null;
    let video = null;
    const startButton = h('button', { type: 'button', class: 'button button-secondary scan-start' }, t('console.office.scan.start'));
    const stopButton = h('button', { type: 'button', class: 'button button-secondary', hidden: true }, t('console.office.scan.stop'));
    const stage = h('div', { class: 'scan-stage', hidden: true });

    const hidden = () => { if (document.hidden) stop(); };
    const leaving = () => stop();
    const stop = (message = '') => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
      clearTimeout(timer);
      timer = null;
      for (const track of stream?.getTracks() || []) track.stop();
      stream = null;
      video?.remove();
      video = null;
      stage.hidden = true;
      stopButton.hidden = true;
      startButton.hidden = false;
      scanStatus.textContent = message;
    };

    const tick = async (detector) => {
      if (!stage.isConnected || !stream) {
        stop();
        return;
      }
      try {
        const found = await detector.detect(video);
        const value = found.find((item) => item.rawValue)?.rawValue;
        if (value) {
          stop(t('console.office.scan.found'));
          input.value = codeFromQr(value);
          startButton.focus();
          submit();
          return;
        }
      } catch {
        // the frame was not ready yet; try the next one
      }
      timer = setTimeout(() => tick(detector), SCAN_EVERY_MS);
    };

    startButton.addEventListener('click', async () => {
      let detector;
      try {
        detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      } catch {
        scanStatus.textContent = t('console.office.scan.unsupported');
        return;
      }
      scanStatus.textContent = t('console.office.scan.asking');
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      } catch (err) {
        stream = null;
        const key = err?.name === 'NotAllowedError' ? 'denied' : err?.name === 'NotFoundError' ? 'noCamera' : 'failed';
        scanStatus.textContent = t(`console.office.scan.${key}`);
        return;
      }
      if (!stage.isConnected) {
        stop();
        return;
      }
      // Never leave the camera on in the background.
      document.addEventListener('visibilitychange', hidden);
      window.addEventListener('pagehide', leaving);
      video = h('video', { class: 'scan-video', muted: true, playsinline: true, autoplay: true,
        'aria-label': t('console.office.scan.videoLabel') });
      video.srcObject = stream;
      stage.replaceChildren(video);
      stage.hidden = false;
      startButton.hidden = true;
      stopButton.hidden = false;
      stopButton.focus();
      scanStatus.textContent = t('console.office.scan.running');
      try {
        await video.play();
      } catch {
        // autoplay of a muted stream is allowed; detection simply waits for frames
      }
      tick(detector);
    });
    stopButton.addEventListener('click', () => {
      stop(t('console.office.scan.stopped'));
      startButton.focus();
    });

    scanArea = h('section', { class: 'scan', 'aria-labelledby': 'scan-heading' },
      h('h2', { id: 'scan-heading' }, t('console.office.scan.title')),
      h('p', {}, t('console.office.scan.text')),
      h('div', { class: 'actions' }, startButton, stopButton),
      scanStatus,
      stage);
  } else {
    scanArea = h('section', { class: 'scan', 'aria-labelledby': 'scan-heading' },
      h('h2', { id: 'scan-heading' }, t('console.office.scan.title')),
      h('p', { class: 'notice' }, t('console.office.scan.none')));
  }

  return page('einchecken', t('console.office.checkin.title'), t('console.office.checkin.lead'),
    form, live, result, scanArea, recentSection);
}
