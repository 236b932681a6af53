// Appointments (role "office"): /console/termine[/<page>] loads the page's own module.
// The modules are named here, not in common.js, which every page imports.
import { TABS } from './common.js';

const MODULES = {
  '': './day.js',
  einchecken: './checkin.js',
  telefon: './phone.js',
  sperren: './capacity.js',
  statistik: './stats.js',
};

export default async function office(ctx) {
  const tab = TABS.find((candidate) => candidate.slug === (ctx.params.tab || ''));
  const module = await import(tab ? MODULES[tab.slug] : '../views/notfound.js');
  return module.default(ctx);
}
