// Renders the town's plain legal texts: blocks separated by blank lines,
// "## " lines become headings, "- " lines list items, the rest paragraphs
// (single line breaks kept). E-mail addresses and web addresses become links.
// Built from DOM nodes, so any markup in the text stays text.
import { h } from './dom.js';

const LINKS = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/g;

function linked(text) {
  return text.split(LINKS).map((part, i) => {
    if (i % 2 === 0) return part;
    return h('a', { href: part.includes('@') && !part.startsWith('http') ? `mailto:${part}` : part }, part);
  });
}

export function richText(source, headingLevel = 2) {
  const root = document.createDocumentFragment();
  const blocks = String(source || '').replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const block of blocks) {
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) root.append(h('p', { class: 'lines' }, linked(paragraph.join('\n'))));
      paragraph = [];
      list = null;
    };
    for (const raw of block.split('\n')) {
      const line = raw.trimEnd();
      if (!line.trim()) continue;
      if (line.startsWith('## ')) {
        flush();
        root.append(h(`h${headingLevel}`, {}, line.slice(3).trim()));
      } else if (/^\s*[-•] /.test(line)) {
        if (paragraph.length) root.append(h('p', { class: 'lines' }, linked(paragraph.join('\n'))));
        paragraph = [];
        if (!list) root.append((list = h('ul', {})));
        list.append(h('li', {}, linked(line.replace(/^\s*[-•] /, ''))));
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
  }
  return root;
}
