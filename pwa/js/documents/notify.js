// "Benachrichtigen, wenn fertig": subscribe this device for an order's notices (after a tap),
// and the iPhone hint (push needs the app on the Home Screen).
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { pushSupported, subscribePush } from '../push.js';
import { followed, pushPath, remember } from './device.js';


export function isIos() {
  const ua = navigator.userAgent;
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}

export function standalone() {
  return navigator.standalone === true || window.matchMedia?.('(display-mode: standalone)').matches === true;
}

export function iosHint() {
  return h('section', { class: 'notice ios-hint', 'aria-labelledby': 'ios-hint-title' },
    h('h3', { id: 'ios-hint-title' }, t('documents.ios.title')),
    h('p', {}, t('documents.ios.text')),
    h('ol', {}, h('li', {}, t('documents.ios.step1')), h('li', {}, t('documents.ios.step2'))),
    h('p', {}, t('documents.ios.email')));
}

// The panel for one order: a button, the hint for an iPhone outside the Home Screen, or a note.
export function notifyPanel(order, onChange) {
  const status = h('p', { role: 'status', class: 'notify-status' });
  const panel = h('section', { class: 'notify', 'aria-labelledby': 'notify-title' },
    h('h2', { id: 'notify-title' }, t('documents.notify.title')));
  if (isIos() && !standalone()) {
    panel.append(iosHint());
    return panel;
  }
  if (!pushSupported()) {
    panel.append(h('p', {}, t(typeof Notification !== 'undefined' && Notification.permission === 'denied'
      ? 'documents.notify.denied' : 'documents.notify.unsupported')));
    return panel;
  }
  const mine = followed().find((e) => e.reference === order.reference);
  if (order.push && mine?.push) {
    panel.append(h('p', { class: 'notice notice-ok' }, t('documents.notify.on')), h('p', { class: 'hint' }, t('documents.notify.email')));
    return panel;
  }
  const button = h('button', { type: 'button', class: 'button' }, t('documents.notify.button'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const subscription = await subscribePush();
      const answer = await api.put(pushPath(order.reference), { subscription });
      remember(answer.order, { push: true, endpoint: subscription.endpoint });
      onChange(answer.order);
    } catch (err) {
      button.disabled = false;
      status.textContent = t(err?.message === 'denied' ? 'documents.notify.denied' : 'documents.notify.failed');
    }
  });
  panel.append(h('p', {}, t('documents.notify.text')), h('p', {}, button), status, h('p', { class: 'hint' }, t('documents.notify.email')));
  return panel;
}
