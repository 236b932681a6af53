// "My appointments" on this device: only code, manage token, start and office
// name are kept (no name, no e-mail). Entries past their day are dropped.
import { loadList, save } from '../saved.js';
import { berlinDate } from './common.js';

const KEY = 'booking.mine';

const read = () => loadList(KEY);
const write = (list) => save(KEY, list); // lost in private mode: the e-mail still has the link

export function myBookings() {
  const today = berlinDate();
  const all = read();
  const current = all.filter((b) => b && b.code && b.token && berlinDate(new Date(b.date)) >= today);
  if (current.length !== all.length) write(current);
  return current.sort((a, b) => new Date(a.date) - new Date(b.date));
}

// booking: the API's booking view; token: its manage token.
export function rememberBooking(booking, token) {
  const entry = { code: booking.code, token, date: booking.start, office: booking.office.name };
  write([...myBookings().filter((b) => b.code !== booking.code), entry]);
}

export function forgetBooking(code) {
  write(myBookings().filter((b) => b.code !== code));
}

export const tokenFor = (code) => myBookings().find((b) => b.code === code)?.token || null;
