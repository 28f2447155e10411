import { PLAN_ACTIONS } from '../../plan/actionDisplay';
import { RC } from '../compactChange';
import { el, section } from './dom';
import {
  appendDrift,
  applySection,
  checksSection,
  deferredSection,
  diagnosticsSection,
  logSection,
  outputsSection,
  type PageModel,
} from './sections';
import { redactionSection } from './redactionSection';
import { VirtualList } from './VirtualList';

/**
 * Draws the report: the resource list with its search, action filters and
 * expand/collapse, then outputs, drift, deferred changes and checks; the
 * apply and the diagnostics of the log on top, the log at the end. Follows
 * deep links (`#<address>`).
 */
export function renderPage(model: PageModel): void {
  const app = document.getElementById('app')!;
  app.textContent = '';
  const resources = model.resources;
  const counts: Record<string, number> = {};
  for (const r of resources) {
    counts[r[RC.action]] = (counts[r[RC.action]] ?? 0) + 1;
  }

  const toolbar = el('div', 'toolbar');
  const search = el('input');
  search.type = 'search';
  search.placeholder = 'Search address, type, module, provider';
  search.setAttribute('aria-label', 'Search resources');
  toolbar.appendChild(search);
  // no-op rows are hidden at first unless they are all there is
  const shown: Record<string, boolean | undefined> = {};
  if (counts['no-op'] && counts['no-op'] < resources.length) {
    shown['no-op'] = false;
  }
  const buttons: HTMLButtonElement[] = [];
  for (const [action, { label }] of Object.entries(PLAN_ACTIONS)) {
    if (!counts[action]) continue;
    const b = el('button', `sym a-${action}`, `${label} ${counts[action]}`);
    b.setAttribute('aria-pressed', String(shown[action] !== false));
    b.setAttribute('data-action', action);
    b.addEventListener('click', () => {
      shown[action] = shown[action] === false;
      b.setAttribute('aria-pressed', String(shown[action] !== false));
      apply();
    });
    buttons.push(b);
    toolbar.appendChild(b);
  }
  const expandAll = el('button', '', 'Expand all');
  const collapseAll = el('button', '', 'Collapse all');
  const status = el('span', 'sub');
  status.setAttribute('aria-live', 'polite');
  toolbar.appendChild(expandAll);
  toolbar.appendChild(collapseAll);
  toolbar.appendChild(status);

  const changes = section('Resource changes', 'changes');
  changes.appendChild(toolbar);
  const listBox = el('div', 'list');
  listBox.id = 'resources';
  changes.appendChild(listBox);
  app.appendChild(changes);
  const list = new VirtualList(listBox, resources, {
    emptyText: resources.length
      ? 'No resource matches the search and filters.'
      : 'No resource changes.',
  });
  function apply() {
    const n = list.filter(search.value, shown);
    status.textContent = `${n} of ${resources.length} resources`;
  }
  search.addEventListener('input', apply);
  expandAll.addEventListener('click', () => list.setAll(true));
  collapseAll.addEventListener('click', () => list.setAll(false));
  apply();
  // after apply(): setAll opens the rows the filters show
  if (model.meta.expandAll) list.setAll(true);

  const append = (part: HTMLElement | undefined) =>
    part && app.appendChild(part);
  const prepend = (part: HTMLElement | undefined) =>
    part && app.insertBefore(part, app.firstChild);
  append(outputsSection(model));
  appendDrift(app, model);
  append(deferredSection(model));
  append(checksSection(model));
  append(redactionSection(model));
  prepend(diagnosticsSection(model));
  prepend(applySection(model));
  append(logSection(model));

  function followHash() {
    const address = decodeURIComponent(location.hash.slice(1));
    if (!address || list.reveal(address)) return;
    // shown again with every filter off
    search.value = '';
    Object.keys(shown).forEach(k => {
      shown[k] = undefined;
    });
    buttons.forEach(b => b.setAttribute('aria-pressed', 'true'));
    apply();
    list.reveal(address);
  }
  window.addEventListener('hashchange', followHash);
  followHash();
  document.documentElement.setAttribute('data-ready', 'true');
  // for benchmarks: when the first rows were drawn, since navigation start
  document.documentElement.setAttribute(
    'data-ready-ms',
    String(Math.round(performance.now())),
  );
}
