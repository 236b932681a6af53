// Document status (/dokumente[/<reference>]): "Meine Dokumente" or one order's page,
// loaded together with the document styles.
import { h } from '../dom.js';
import { t } from '../i18n.js';

let styles = null;

function useStyles() {
  styles ??= new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href: '/css/documents.css' });
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
    document.head.append(link);
  });
  return styles;
}

export default async function documents(ctx) {
  if (ctx.town.features?.documents === false) {
    return h('div', { class: 'view' },
      h('h1', {}, t('feature.documents.title')),
      h('p', { class: 'lead' }, t('soon.notOffered', { town: ctx.town.name })),
      h('p', {}, h('a', { class: 'back', href: '/' }, t('action.home'))));
  }
  const reference = (ctx.params.rest || '').replace(/\/$/, '');
  const [module] = await Promise.all([import(reference ? './order.js' : './mine.js'), useStyles()]);
  return module.default({ ...ctx, reference });
}
