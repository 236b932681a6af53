// Renders the town's plain legal texts: blocks separated by blank lines,
// "## " lines become headings, "- " lines list items, the rest paragraphs
// (single line breaks kept). Built from DOM nodes, so markup stays text.
import { h } from './dom.js';

export function richText(source, headingLevel = 2) {
  const root = document.createDocumentFragment();
  const blocks = String(source || '').replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  for (const block of blocks) {
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) root.append(h('p', { class: 'lines' }, paragraph.join('\n')));
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
        if (paragraph.length) root.append(h('p', { class: 'lines' }, paragraph.join('\n')));
        paragraph = [];
        if (!list) root.append((list = h('ul', {})));
        list.append(h('li', {}, line.replace(/^\s*[-•] /, '')));
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
  }
  return root;
}
