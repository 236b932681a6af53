// Renewing push subscriptions when the app opens: Chrome never fires "pushsubscriptionchange",
// so a subscription the browser replaced would otherwise go unnoticed until a notice fails.
import { api } from '../api.js';
import { pushSupported, subscribePush } from '../push.js';
import { followed, pushPath, remember } from './device.js';

// If the browser's subscription changed (or vanished), send the new one for every order this
// device follows by push.
export async function resubscribe() {
  const entries = followed().filter((e) => e.push && !['collected', 'returned'].includes(e.order?.state));
  if (!entries.length || !pushSupported() || Notification.permission !== 'granted') return;
  const subscription = await subscribePush();
  await Promise.all(entries.filter((e) => e.endpoint !== subscription.endpoint).map(async (e) => {
    try {
      const answer = await api.put(pushPath(e.reference), { subscription });
      remember(answer.order, { push: true, endpoint: subscription.endpoint });
    } catch {
      // tried again the next time the app opens
    }
  }));
}
