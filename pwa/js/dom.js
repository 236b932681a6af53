// Small DOM builders. Text always goes in as text nodes, never as HTML.

const SVG = 'http://www.w3.org/2000/svg';

// h('a', { href: '/kontakt', class: 'tile', onclick: fn }, 'Kontakt', childNode)
// Props: class, text, on<event> handlers; everything else becomes an attribute
// (true -> empty attribute, false/null/undefined -> left out).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

// Decorative icon from the sprite in /icons/sprite.svg.
export function icon(name, cls = 'icon') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', cls);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG, 'use');
  use.setAttribute('href', `/icons/sprite.svg#${name}`);
  svg.append(use);
  return svg;
}

export function telHref(phone) {
  return `tel:${String(phone).replace(/[^\d+]/g, '')}`;
}

export function telLink(phone, cls = 'tel') {
  return h('a', { class: cls, href: telHref(phone) }, phone);
}

export function mailLink(address) {
  return h('a', { href: `mailto:${address}` }, address);
}
