// A tiny History-API router shared by the citizen app and the staff console.
// Route patterns: "/kontakt", "/umfrage/:id", "/console/postausgang/:id?", "/termin/*".

function match(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i];
    if (part === '*') {
      params.rest = got.slice(i).join('/');
      return params;
    }
    if (part.startsWith(':')) {
      const optional = part.endsWith('?');
      const name = part.slice(1, optional ? -1 : undefined);
      if (got[i] === undefined && !optional) return null;
      params[name] = got[i];
    } else if (part !== got[i]) {
      return null;
    }
  }
  return got.length <= want.length ? params : null;
}

export function matchRoute(routes, path) {
  for (const route of routes) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

let onRoute = () => {};

export function navigate(to, { replace = false } = {}) {
  const url = new URL(to, location.href);
  if (url.href !== location.href) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  onRoute(location.pathname, { focus: true });
}

// handles(pathname) says which same-origin links the router takes over;
// the rest (other apps, files, downloads) load normally.
export function startRouter({ handles, render }) {
  onRoute = render;
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !handles(url.pathname)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => render(location.pathname, { focus: true }));
  render(location.pathname, { focus: false });
}
