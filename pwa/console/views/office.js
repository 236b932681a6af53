// Appointments (role "office"): /console/termine[/<page>] loads the page's own module.
import { TABS } from './office-common.js';

export default async function office(ctx) {
  const tab = TABS.find((candidate) => candidate.slug === (ctx.params.tab || ''));
  const module = await import(tab ? tab.module : './notfound.js');
  return module.default(ctx);
}
