// Appointment booking (/termin/*): picks the page for the path and loads it
// together with the booking styles. Later steps load their modules on demand.
import { h } from '../dom.js';
import { t } from '../i18n.js';

const PAGES = {
  '': 'wizard',
  bestaetigen: 'confirm',
  verwalten: 'manage',
  meine: 'mine',
  angebot: 'offer',
};

let styles = null;

// One <link> for the booking styles; resolves when they apply (or failed to load).
function useStyles() {
  styles ??= new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href: '/css/booking.css' });
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
    document.head.append(link);
  });
  return styles;
}

export default async function booking(ctx) {
  const page = PAGES[(ctx.params.rest || '').replace(/\/$/, '')];
  if (ctx.town.features?.booking === false) {
    return h('div', { class: 'view' },
      h('h1', {}, t('feature.booking.title')),
      h('p', { class: 'lead' }, t('soon.notOffered', { town: ctx.town.name })),
      h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home'))));
  }
  const [module] = await Promise.all([(page ? import(`./${page}.js`) : import('../views/notfound.js')), useStyles()]);
  return module.default(ctx);
}
