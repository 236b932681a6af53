// The town's public configuration (name, contact, offices, legal texts, features).
import { api } from './api.js';

let pending = null;

export function loadTown() {
  pending ??= api.get('/api/town').catch((err) => {
    pending = null;
    throw err;
  });
  return pending;
}
