// Document orders (role "office"): /console/dokumente[/<page>] loads the page's own module.
import { TABS } from './common.js';

const MODULES = {
  '': './register.js',
  fertig: './ready.js',
  listen: './lists.js',
  terminal: './locker.js',
  simulation: './terminal.js',
};

export default async function documents(ctx) {
  const tab = TABS.find((candidate) => candidate.slug === (ctx.params.tab || ''));
  const module = await import(tab ? MODULES[tab.slug] : '../views/notfound.js');
  return module.default(ctx);
}
