import { PLAN_ACTIONS } from '../../plan/actionDisplay';
import { ACTION_REASON_TEXT } from '../../plan/actionReasons';
import { formatAttributePath } from '../../plan/attributeLeaves';
import { type AttributeDiff, diffChange } from '../../plan/diffChange';
import { type CompactChange, RC } from '../compactChange';
import { el, valueNode } from './dom';

const label = (action: string) => PLAN_ACTIONS[action]?.label ?? action;

/** The attribute diff of a change: the frontend's diffChange, one copy. */
export function diffRows(item: CompactChange): AttributeDiff[] {
  return diffChange({
    action: item[RC.action],
    before: item[RC.before],
    after: item[RC.after],
    afterUnknown: item[RC.afterUnknown],
    replacePaths: item[RC.replacePaths] || undefined,
  });
}

function diffTable(rows: AttributeDiff[], showSame: boolean) {
  const table = el('table', 'diff');
  const head = el('tr');
  ['attribute', 'before', 'after'].forEach(h =>
    head.appendChild(el('th', '', h)),
  );
  table.appendChild(head);
  for (const r of rows) {
    if (r.kind === 'same' && !showSame) continue;
    const tr = el('tr', `d-${r.kind}`);
    const name = el('td', '', r.path);
    if (r.forcesReplacement) {
      name.appendChild(el('span', 'forces', '  # forces replacement'));
    }
    tr.appendChild(name);
    const before = el('td');
    before.appendChild(valueNode(r.before));
    tr.appendChild(before);
    const after = el('td');
    after.appendChild(valueNode(r.after));
    tr.appendChild(after);
    table.appendChild(tr);
  }
  return table;
}

/** What an expanded row shows: reason, notes and the attribute diff. */
export function resourceBody(
  item: CompactChange,
  state: { showSame: boolean; rerender: () => void },
): HTMLElement {
  const body = el('div', 'rb');
  const reason = item[RC.reason];
  const action = item[RC.action];
  const replacePaths = item[RC.replacePaths];
  if (reason) {
    const risky = action === 'delete' || action.startsWith('replace');
    body.appendChild(
      el(
        'p',
        `note${risky ? ' risk' : ''}`,
        `${item[RC.address]} ${ACTION_REASON_TEXT[reason] ?? reason}`,
      ),
    );
  }
  if (replacePaths) {
    body.appendChild(
      el(
        'p',
        'note risk',
        `Replacement forced by: ${replacePaths
          .map(formatAttributePath)
          .join(', ')}`,
      ),
    );
  }
  if (item[RC.previousAddress]) {
    body.appendChild(el('p', 'note', `Moved from ${item[RC.previousAddress]}`));
  }
  if (item[RC.importingId]) {
    body.appendChild(
      el('p', 'note', `Imported from id ${item[RC.importingId]}`),
    );
  }
  if (item[RC.deposed]) {
    body.appendChild(el('p', 'note', `Deposed object ${item[RC.deposed]}`));
  }
  const rows = diffRows(item);
  const changed = rows.filter(r => r.kind !== 'same').length;
  const unchanged = rows.length - changed;
  if (rows.length === 0) body.appendChild(el('p', 'note', 'No attributes.'));
  else body.appendChild(diffTable(rows, state.showSame || changed === 0));
  if (unchanged > 0 && changed > 0) {
    const toggle = el(
      'button',
      '',
      state.showSame
        ? 'Hide unchanged attributes'
        : `Show ${unchanged} unchanged attributes`,
    );
    toggle.addEventListener('click', ev => {
      ev.stopPropagation();
      state.showSame = !state.showSame;
      state.rerender();
    });
    body.appendChild(toggle);
  }
  return body;
}

/** A row's header: symbol, address, action, provider, reason and a note. */
export function rowHeader(
  item: CompactChange,
  expanded: boolean,
  note: string,
): HTMLElement {
  const h = el('div', 'rh');
  h.setAttribute('role', 'button');
  h.setAttribute('aria-expanded', String(expanded));
  const action = item[RC.action];
  h.appendChild(
    el('span', `sym a-${action}`, PLAN_ACTIONS[action]?.symbol ?? action),
  ).title = label(action);
  h.appendChild(el('span', 'addr', item[RC.address]));
  const sub = [
    label(action),
    item[RC.provider].replace(/^registry\.[^/]+\//, ''),
  ];
  if (item[RC.reason]) sub.push(item[RC.reason].replace(/_/g, ' '));
  if (note) sub.push(note);
  h.appendChild(el('span', 'sub', sub.filter(Boolean).join(' · ')));
  return h;
}

export { label as actionLabel };
