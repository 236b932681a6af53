// The town's public configuration (name, contact, offices, features), which every page
// needs, and its legal texts, which only the legal pages ask for.
import { api } from './api.js';

const pending = new Map();

function once(path) {
  if (!pending.has(path)) {
    pending.set(path, api.get(path).catch((err) => {
      pending.delete(path);
      throw err;
    }));
  }
  return pending.get(path);
}

export const loadTown = () => once('/api/town');
export const loadLegal = () => once('/api/town/legal');
