import type { DiffValue } from '../../plan/diffChange';
import type { RenderOptions } from '../renderPlanReport';
import type { ReportModel } from '../reportModel';
import { RC } from '../compactChange';
import { el, plainTable, section, valueNode } from './dom';
import { actionLabel } from './resources';
import { VirtualList } from './VirtualList';

/** What renderPlanReport adds to the model: from the log. */
export interface PageModel extends ReportModel {
  diagnostics?: RenderOptions['diagnostics'];
  apply?: {
    outcome: string;
    counts?: { add: number; change: number; destroy: number; import?: number };
    resources: Array<[string, string, string, number | null]>;
  };
}

/** An output's value after the plan; none when it is removed. */
function afterValue(
  action: string,
  after: unknown,
  afterUnknown: unknown,
): DiffValue | undefined {
  if (action === 'delete') return undefined;
  return afterUnknown === true
    ? { known: false }
    : { known: true, value: after };
}

export function outputsSection(model: PageModel): HTMLElement | undefined {
  if (!model.outputs.length) return undefined;
  const outs = section('Outputs', 'outputs');
  outs.appendChild(
    plainTable(
      ['output', 'action', 'before', 'after'],
      model.outputs.map(([name, action, before, after, afterUnknown]) => [
        name,
        actionLabel(action),
        valueNode(
          action !== 'create' ? { known: true, value: before } : undefined,
        ),
        valueNode(afterValue(action, after, afterUnknown)),
      ]),
    ),
  );
  return outs;
}

/** The drift section, appended to `app`, its rows drawn on demand. */
export function appendDrift(app: HTMLElement, model: PageModel): void {
  if (!model.drift.length) return;
  const drift = section(
    `Changed outside of Terraform/OpenTofu (drift): ${model.drift.length}`,
    'drift',
  );
  drift.appendChild(
    el(
      'p',
      'note',
      'Objects that changed since the last apply; the plan above already takes them into account.',
    ),
  );
  const box = el('div', 'list');
  drift.appendChild(box);
  app.appendChild(drift);
  const relevant = model.relevant || {};
  new VirtualList(box, model.drift, {
    emptyText: '',
    note: item => {
      const paths = relevant[item[RC.address]];
      return paths ? `relevant to this plan: ${paths.join(', ')}` : '';
    },
  }).filter('', {});
}

/**
 * Deferred changes drawn at first, at most: a plan can defer thousands, and
 * the page keeps its DOM small whatever the plan's size. The rest on demand.
 */
export const DEFERRED_DRAWN = 50;

export function deferredSection(model: PageModel): HTMLElement | undefined {
  if (!model.deferred?.length) return undefined;
  const deferred = section(
    `Deferred to a later plan: ${model.deferred.length}`,
    'deferred',
  );
  const table = (rows: PageModel['deferred']) =>
    plainTable(
      ['resource', 'action', 'reason'],
      rows.map(([address, reason, action]) => [
        address,
        actionLabel(action),
        reason.replace(/_/g, ' '),
      ]),
    );
  const first = table(model.deferred.slice(0, DEFERRED_DRAWN));
  deferred.appendChild(first);
  const hidden = model.deferred.length - DEFERRED_DRAWN;
  if (hidden > 0) {
    const more = el('button', '', `Show ${hidden} more deferred changes`);
    more.addEventListener('click', () => {
      first.replaceWith(table(model.deferred));
      more.remove();
    });
    deferred.appendChild(more);
  }
  return deferred;
}

export function checksSection(model: PageModel): HTMLElement | undefined {
  if (!model.checks.length) return undefined;
  const checks = section('Checks', 'checks');
  checks.appendChild(
    plainTable(
      ['check', 'kind', 'status', 'problems'],
      model.checks.map(c => [
        c.address,
        c.kind,
        c.status,
        c.problems.join('\n'),
      ]),
    ),
  );
  return checks;
}

export function diagnosticsSection(model: PageModel): HTMLElement | undefined {
  if (!model.diagnostics?.length) return undefined;
  const diags = section('Diagnostics', 'diagnostics');
  for (const d of model.diagnostics) {
    const warning = d.severity === 'warning';
    const box = el('div', `diag${warning ? ' w' : ''}`);
    box.appendChild(
      el('strong', '', `${warning ? 'Warning: ' : 'Error: '}${d.summary}`),
    );
    if (d.address || d.location) {
      box.appendChild(
        el('div', 'sub', [d.address, d.location].filter(Boolean).join(' — ')),
      );
    }
    if (d.detail) box.appendChild(el('pre', '', d.detail));
    diags.appendChild(box);
  }
  return diags;
}

export function applySection(model: PageModel): HTMLElement | undefined {
  const ap = model.apply;
  if (!ap) return undefined;
  const counts = ap.counts
    ? ` — ${ap.counts.add} added, ${ap.counts.change} changed, ${
        ap.counts.destroy
      } destroyed${ap.counts.import ? `, ${ap.counts.import} imported` : ''}`
    : '';
  const applied = section(`Apply: ${ap.outcome}${counts}`, 'apply');
  applied.appendChild(
    plainTable(
      ['resource', 'action', 'status', 'took'],
      ap.resources.map(([address, action, status, took]) => [
        address,
        action,
        status,
        took === null ? '' : `${took} s`,
      ]),
    ),
  );
  return applied;
}

export function logSection(model: PageModel): HTMLElement | undefined {
  if (typeof model.log !== 'string') return undefined;
  const log = section('Log', 'log');
  const details = el('details');
  details.appendChild(
    el('summary', '', `Show the log (${model.log.split('\n').length} lines)`),
  );
  details.appendChild(el('pre', 'log', model.log));
  log.appendChild(details);
  return log;
}
