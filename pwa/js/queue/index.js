// Walk-in tickets (/wartemarke/*): the mornings per office, and one's own ticket.
import { h } from '../dom.js';
import { t } from '../i18n.js';

const PAGES = { '': 'offices', ticket: 'ticket' };

let styles = null;

function useStyles() {
  styles ??= new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href: '/css/queue.css' });
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
    document.head.append(link);
  });
  return styles;
}

export default async function queue(ctx) {
  const page = PAGES[(ctx.params.rest || '').replace(/\/$/, '')];
  if (ctx.town.features?.queue === false) {
    return h('div', { class: 'view' },
      h('h1', {}, t('feature.queue.title')),
      h('p', { class: 'lead' }, t('soon.notOffered', { town: ctx.town.name })),
      h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home'))));
  }
  const [module] = await Promise.all([(page ? import(`./${page}.js`) : import('../views/notfound.js')), useStyles()]);
  return module.default(ctx);
}
