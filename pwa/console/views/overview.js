// Start page after sign-in: the sections this user may open.
import { h } from '../../js/dom.js';
import { t } from '../../js/i18n.js';
import { ROUTES, allowed, href } from '../routes.js';

export default function overview({ user, session }) {
  const notice = session.takeNotice();
  const sections = ROUTES.filter((route) => route.nav && route.view !== 'views/overview' && allowed(route, user));
  return h('div', { class: 'view' },
    h('h1', {}, t('console.overview.title', { name: user.display_name || user.username })),
    notice && h('p', { class: 'notice notice-ok', role: 'status' }, t(notice)),
    h('p', { class: 'lead' }, t('console.overview.roles'), ' ', user.roles.map((role) => t(`role.${role}`)).join(', ')),
    h('ul', { class: 'cards' }, sections.map((route) => h('li', { class: 'card' },
      h('h2', { class: 'card-title' }, h('a', { href: href(route) }, t(route.nav))),
      h('p', { class: 'muted' }, t(`${route.nav}.text`)),
    ))),
  );
}
