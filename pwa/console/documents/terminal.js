// A simulated pickup terminal for demos and tests: its own credential (sent as
// "Authorization: Terminal …", never the staff session), a keypad, QR scanning where the
// browser can, the terminal's own "fingerprint matches" yes/no, doors to close, handover.
import { api } from '../../js/api.js';
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { alertBox, okBox, page } from './common.js';

const KEY = 'documents.terminal';

function stored() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

// The terminal is another device: it speaks to the API with its credential and without cookies.
async function call(path, body) {
  const { credential } = stored() || {};
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': document.documentElement.lang, Authorization: `Terminal ${credential}` },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(data.error?.message || res.status), { status: res.status, code: data.error?.code });
  return data;
}

function keypad(input) {
  const key = (label, action) => h('button', { type: 'button', class: 'key', onclick: action }, label);
  return h('div', { class: 'keypad', role: 'group', 'aria-label': t('console.documents.terminal.keypad') },
    ...'123456789'.split('').map((d) => key(d, () => { input.value += d; })),
    key(t('console.documents.terminal.clear'), () => { input.value = ''; input.focus(); }),
    key('0', () => { input.value += '0'; }));
}

async function scan(input, out) {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return;
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const video = h('video', { autoplay: true, playsinline: true, muted: true, class: 'scan-video' });
  video.srcObject = stream;
  out.replaceChildren(video);
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const timer = setInterval(async () => {
    const [code] = await detector.detect(video).catch(() => []);
    if (!code) return;
    clearInterval(timer);
    stream.getTracks().forEach((track) => track.stop());
    input.value = code.rawValue.replace(/\D/g, '');
    out.replaceChildren();
  }, 250);
}

export default async function terminal({ user }) {
  const out = h('div', { 'aria-live': 'polite', class: 'terminal-out' });
  const doors = h('div', {});
  const { terminals } = await api.get('/api/office/documents/terminals');
  const current = terminals[0];
  const connected = h('p', { class: 'muted' });
  const showConnected = () => { connected.textContent = stored() ? t('console.documents.terminal.connected', { terminal: stored().name }) : ''; };
  showConnected();

  async function showDoors() {
    if (!current) return;
    const lists = await api.get(`/api/office/documents/lists?office=${encodeURIComponent(current.office)}`);
    doors.replaceChildren(...lists.waiting_for_door.filter((o) => o.locker?.terminal === current.id).map((o) => h('button', {
      type: 'button', class: 'button button-secondary', onclick: async () => {
        try {
          await call('/api/terminal/door-closed', { compartment: o.locker.compartment });
          out.replaceChildren(okBox(t('console.documents.terminal.closed')));
          await showDoors();
        } catch (err) {
          out.replaceChildren(alertBox(err));
        }
      },
    }, t('console.documents.terminal.close', { compartment: o.locker.compartment }))));
  }

  const connect = h('button', { type: 'button', class: 'button button-secondary', disabled: !user.roles.includes('admin') || !current, onclick: async () => {
    try {
      const answer = await api.post(`/api/admin/documents/terminals/${encodeURIComponent(current.id)}/credential`);
      sessionStorage.setItem(KEY, JSON.stringify({ credential: answer.credential, name: current.name }));
      showConnected();
    } catch (err) {
      out.replaceChildren(alertBox(err));
    }
  } }, t('console.documents.terminal.connect'));

  const input = h('input', { id: 'terminal-code', name: 'code', inputmode: 'numeric', autocomplete: 'off', maxlength: '12' });
  const finger = h('input', { id: 'terminal-finger', type: 'checkbox', role: 'switch', name: 'finger' });
  const form = h('form', { class: 'form terminal-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'terminal-code' }, t('console.documents.terminal.code')), input),
    keypad(input),
    'BarcodeDetector' in window && h('button', { type: 'button', class: 'button button-secondary', onclick: () => scan(input, out) }, t('console.documents.terminal.scan')),
    h('div', { class: 'field check' }, finger, h('label', { for: 'terminal-finger' }, t('console.documents.terminal.finger'))),
    h('button', { type: 'submit', class: 'button' }, t('console.documents.terminal.open')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const opened = await call('/api/terminal/open', { code: input.value, finger_matched: finger.checked ? true : null });
      const take = h('button', { type: 'button', class: 'button', onclick: async () => {
        const done = await call('/api/terminal/collected', { compartment: opened.compartment });
        out.replaceChildren(okBox(t('console.documents.terminal.thanks')),
          done.delete_fingerprint_template && h('p', {}, t('console.documents.terminal.deleteTemplate')));
      } }, t('console.documents.terminal.taken'));
      input.value = '';
      out.replaceChildren(okBox(t('console.documents.terminal.opened', { compartment: opened.compartment })), take);
    } catch (err) {
      out.replaceChildren(alertBox(err));
    }
  });
  await showDoors();
  return page('simulation', t('console.documents.terminal.title'), t('console.documents.terminal.lead'),
    h('p', {}, connect), h('p', { class: 'hint' }, t('console.documents.terminal.connectHint')), connected, doors, form, out);
}
