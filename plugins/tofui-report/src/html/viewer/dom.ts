import type { DiffValue } from '../../plan/diffChange';
import { describeValue } from '../../plan/describeValue';

/** An element with a class and text. Text only ever goes in as textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string | null,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** A section of the page with its heading. */
export function section(title: string, id: string): HTMLElement {
  const s = el('section');
  s.id = id;
  s.appendChild(el('h2', '', title));
  return s;
}

/** A table of text or element cells. */
export function plainTable(
  headers: string[],
  rows: Array<Array<string | Node>>,
): HTMLTableElement {
  const t = el('table', 'plain');
  const head = el('tr');
  headers.forEach(h => head.appendChild(el('th', '', h)));
  t.appendChild(head);
  for (const cells of rows) {
    const r = el('tr');
    for (const c of cells) {
      const td = el('td');
      if (typeof c === 'string') td.textContent = c;
      else td.appendChild(c);
      r.appendChild(td);
    }
    t.appendChild(r);
  }
  return t;
}

const VALUE_CLASS = { unknown: 'unknown', sensitive: 'sensitive', value: '' };

/** A diff value as the frontend shows it too (describeValue); nothing when absent. */
export function valueNode(value: DiffValue | undefined): HTMLElement {
  if (!value) return el('span', 'sub', '');
  const { text, kind } = describeValue(value);
  return el('span', VALUE_CLASS[kind], text);
}
