// Being told when it is one's turn: Web Push where the browser allows it (permission asked only
// after a tap), else a sound and vibration while the ticket page is open.
import { api } from '../api.js';
import { pushSupported, subscribePush } from '../push.js';
import { playTones } from './tones.js';

let audio = null;

// Call from a click: browsers allow sound only after a gesture.
export function enableSound() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (Context && !audio) audio = new Context();
  audio?.resume?.();
  return Boolean(audio) || 'vibrate' in navigator;
}

export const soundEnabled = () => Boolean(audio);

// Two short tones and a vibration; nothing when not enabled.
export function ring() {
  navigator.vibrate?.([300, 150, 300]);
  if (audio) playTones(audio, [[0, 660], [0.35, 880]], 0.3, 0.25);
}

export const canPush = () => pushSupported();

// Resolves when the API keeps the subscription for this ticket; rejects with the browser's reason.
export async function pushForTicket(token) {
  const subscription = await subscribePush();
  await api.put('/api/queue/ticket/push', { token, subscription });
}
