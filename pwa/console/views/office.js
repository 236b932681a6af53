// Appointments (role "office"): /console/termine[/<page>] loads the page's own module.
// The modules are named here, not in office-common.js, which every page imports.
import { TABS } from './office-common.js';

const MODULES = {
  '': './office-day.js',
  einchecken: './office-checkin.js',
  telefon: './office-phone.js',
  sperren: './office-capacity.js',
  statistik: './office-stats.js',
};

export default async function office(ctx) {
  const tab = TABS.find((candidate) => candidate.slug === (ctx.params.tab || ''));
  const module = await import(tab ? MODULES[tab.slug] : './notfound.js');
  return module.default(ctx);
}
