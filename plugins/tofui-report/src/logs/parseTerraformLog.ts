import { baseAddress } from './address';
import {
  DiagnosticReader,
  endsPlainDiagnostic,
  isBoxLine,
  plainHeader,
} from './diagnostics';
import { EventAction, parseResourceEvent, ResourceEvent } from './events';
import {
  parseApplyLine,
  parseImportedFrom,
  parseOutputChange,
  parsePlanLine,
  parsePlannedHeader,
} from './summaryLines';
import { isJsonLog, jsonLogToText } from './jsonLog';
import { splitLines, stripAnsi } from './text';
import type {
  LogChangeCounts,
  LogDiagnostic,
  LogOutcome,
  LogOutputChange,
  LogPlannedChange,
  LogRefreshedResource,
  LogReport,
  LogResource,
  LogResourceAction,
  LogResourceStatus,
} from './types';

/** One operation on a resource: a start line and, with luck, its end. */
interface Operation {
  action: EventAction;
  deposed?: string;
  status: LogResourceStatus;
  seconds?: number;
  elapsed?: number;
}

interface ResourceState {
  address: string;
  ops: Operation[];
  /**
   * Operations started and not yet ended, by action and deposed key. Kept
   * apart from `ops` so a resource with thousands of lines stays O(1).
   */
  open: Map<string, Operation>;
  id?: string;
  /** The id printed while destroying: the old object's, used last. */
  deleteId?: string;
}

function opKey(action: EventAction, deposed: string | undefined): string {
  return `${action}\u0000${deposed ?? ''}`;
}

/**
 * The open operation an event belongs to. Terraform's "Still destroying"
 * line leaves out the deposed suffix, so an exact miss falls back to any
 * open operation with the same action.
 */
function findOpen(
  state: ResourceState,
  action: EventAction,
  deposed: string | undefined,
): Operation | undefined {
  const exact = state.open.get(opKey(action, deposed));
  if (exact) {
    return exact;
  }
  for (const op of state.open.values()) {
    if (op.action === action) {
      return op;
    }
  }
  return undefined;
}

function openOp(
  state: ResourceState,
  action: EventAction,
  deposed: string | undefined,
): Operation {
  const op: Operation = { action, status: 'in-progress' };
  if (deposed !== undefined) {
    op.deposed = deposed;
  }
  state.ops.push(op);
  state.open.set(opKey(action, deposed), op);
  return op;
}

function closeOp(state: ResourceState, op: Operation): void {
  state.open.delete(opKey(op.action, op.deposed));
}

function applyEvent(
  state: ResourceState,
  event: Exclude<ResourceEvent, { kind: 'refresh' }>,
): void {
  const { action, deposed } = event;
  if (event.id !== undefined) {
    if (action === 'delete') {
      state.deleteId = event.id;
    } else {
      state.id = event.id;
    }
  }
  if (event.kind === 'start') {
    // A repeated start line (log printed twice) is the same operation.
    if (!state.open.has(opKey(action, deposed))) {
      openOp(state, action, deposed);
    }
    return;
  }
  // Progress or an end without a start: the log began mid-operation.
  const op = findOpen(state, action, deposed) ?? openOp(state, action, deposed);
  if (event.kind === 'still') {
    if (event.seconds !== undefined) {
      op.elapsed = event.seconds;
    }
    return;
  }
  op.status = 'complete';
  if (event.seconds !== undefined) {
    op.seconds = event.seconds;
  }
  closeOp(state, op);
}

/** The address a diagnostic is about, from `with` or from `in resource`. */
function diagnosticTargets(d: LogDiagnostic): string | undefined {
  if (d.address !== undefined) {
    return d.address;
  }
  const m = d.block
    ? /^(resource|data) "([^"]+)" "([^"]+)"$/.exec(d.block)
    : null;
  if (!m) {
    return undefined;
  }
  return m[1] === 'data' ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`;
}

/**
 * Marks open operations failed on the resources errors name. An error may
 * name the instance (`aws_x.y["a"]`) or, in older versions, only the
 * resource (`aws_x.y`, from `in resource "aws_x" "y"`), which stands for
 * all of its instances.
 */
function failNamedResources(
  states: Map<string, ResourceState>,
  errors: LogDiagnostic[],
): void {
  let byBase: Map<string, ResourceState[]> | undefined;
  for (const error of errors) {
    const target = diagnosticTargets(error);
    if (target === undefined) {
      continue;
    }
    let hits: ResourceState[] = [];
    const exact = states.get(target);
    if (exact) {
      hits = [exact];
    } else {
      if (!byBase) {
        byBase = new Map();
        for (const state of states.values()) {
          const base = baseAddress(state.address);
          const list = byBase.get(base);
          if (list) {
            list.push(state);
          } else {
            byBase.set(base, [state]);
          }
        }
      }
      hits = byBase.get(target) ?? [];
    }
    for (const state of hits) {
      for (const op of state.open.values()) {
        op.status = 'failed';
      }
      state.open.clear();
    }
  }
}

const ACTION_ORDER: EventAction[] = [
  'create',
  'delete',
  'update',
  'import',
  'read',
];

function summarizeResource(state: ResourceState): LogResource {
  const actions: LogResourceAction[] = [];
  let firstCreate = -1;
  let firstDelete = -1;
  let seconds: number | undefined;
  let elapsed: number | undefined;
  let failed = false;
  let inProgress = false;
  state.ops.forEach((op, i) => {
    if (!actions.includes(op.action)) {
      actions.push(op.action);
    }
    if (op.action === 'create' && firstCreate < 0) firstCreate = i;
    if (op.action === 'delete' && firstDelete < 0) firstDelete = i;
    if (op.seconds !== undefined) {
      seconds = (seconds ?? 0) + op.seconds;
    }
    if (op.status === 'failed') failed = true;
    if (op.status === 'in-progress') inProgress = true;
    if (op.status !== 'complete' && op.elapsed !== undefined) {
      elapsed = Math.max(elapsed ?? 0, op.elapsed);
    }
  });
  const replaced = firstCreate >= 0 && firstDelete >= 0;
  let status: LogResourceStatus = 'complete';
  if (failed) {
    status = 'failed';
  } else if (inProgress) {
    status = 'in-progress';
  }
  const resource: LogResource = {
    address: state.address,
    action: replaced
      ? 'replace'
      : ACTION_ORDER.find(a => actions.includes(a)) ?? 'read',
    actions,
    status,
  };
  if (replaced) {
    resource.replaceOrder =
      firstDelete < firstCreate ? 'delete-first' : 'create-first';
  }
  const id = state.id ?? state.deleteId;
  if (id !== undefined) resource.id = id;
  if (seconds !== undefined) resource.durationSeconds = seconds;
  if (elapsed !== undefined) resource.elapsedSeconds = elapsed;
  return resource;
}

function outcomeOf(
  errors: LogDiagnostic[],
  resources: LogResource[],
  applied: LogChangeCounts | undefined,
  noChanges: boolean,
): LogOutcome {
  if (errors.length > 0 || resources.some(r => r.status === 'failed')) {
    return 'failed';
  }
  if (applied) {
    const changed = Object.values(applied).some(n => n > 0);
    return noChanges && !changed ? 'no-changes' : 'succeeded';
  }
  return noChanges ? 'no-changes' : 'unknown';
}

/**
 * Reads the console output of `terraform`/`tofu` `plan` or `apply` (any
 * mix of both, as an apply prints its plan first): per-resource progress,
 * the plan's announced changes, summary lines, and error and warning
 * blocks, in Terraform's and OpenTofu's wording, with or without colour.
 *
 * One pass over the lines with per-line regexes anchored at the start, so
 * time grows linearly with the log. Never throws: text that is not a log
 * gives an empty report with outcome `unknown`.
 *
 * @public
 */
export function parseTerraformLog(input: string): LogReport {
  // `apply -json` / `plan -json`: read as the console text it stands for
  const text =
    typeof input === 'string' && isJsonLog(input)
      ? jsonLogToText(input)
      : input;
  const states = new Map<string, ResourceState>();
  const refreshed = new Map<string, LogRefreshedResource>();
  const planned = new Map<string, LogPlannedChange>();
  const outputs = new Map<string, LogOutputChange>();
  const diagnostics = new DiagnosticReader();
  let plan: LogChangeCounts | undefined;
  let applied: LogChangeCounts | undefined;
  let noChanges = false;
  let planSeen = false;
  let inOutputs = false;
  let lastPlanned: LogPlannedChange | undefined;

  const source = typeof text === 'string' ? text : '';
  for (const raw of splitLines(source)) {
    const line = stripAnsi(raw).trimEnd();
    const previousPlanned = lastPlanned;
    lastPlanned = undefined;

    if (isBoxLine(line)) {
      diagnostics.boxLine(line);
      inOutputs = false;
      continue;
    }
    if (diagnostics.inBox) {
      diagnostics.close();
    }
    const header = plainHeader(line);
    if (header) {
      diagnostics.startPlain(header.severity, header.summary);
      inOutputs = false;
      continue;
    }

    const event = parseResourceEvent(line);
    if (event) {
      diagnostics.close();
      inOutputs = false;
      if (event.kind === 'refresh') {
        const entry = refreshed.get(event.address) ?? {
          address: event.address,
        };
        if (event.id !== undefined) entry.id = event.id;
        refreshed.set(event.address, entry);
      } else {
        let state = states.get(event.address);
        if (!state) {
          state = { address: event.address, ops: [], open: new Map() };
          states.set(event.address, state);
        }
        applyEvent(state, event);
      }
      continue;
    }

    const plannedChange = parsePlannedHeader(line);
    if (plannedChange) {
      diagnostics.close();
      inOutputs = false;
      const key = `${plannedChange.address}\u0000${
        plannedChange.deposed ?? ''
      }`;
      planned.set(key, plannedChange);
      lastPlanned = plannedChange;
      continue;
    }
    const importId = previousPlanned ? parseImportedFrom(line) : undefined;
    if (previousPlanned && importId !== undefined) {
      previousPlanned.importId = importId;
      continue;
    }

    const planCounts = parsePlanLine(line);
    const appliedCounts = planCounts ? undefined : parseApplyLine(line);
    const isNoChanges = /^No changes\./.test(line);
    const isOutputs = line === 'Changes to Outputs:';
    const isPlanningFailed = /^Planning failed\b/.test(line);
    if (
      planCounts ||
      appliedCounts ||
      isNoChanges ||
      isOutputs ||
      isPlanningFailed
    ) {
      diagnostics.close();
      if (planCounts) plan = planCounts;
      if (appliedCounts) applied = appliedCounts;
      if (isNoChanges) noChanges = true;
      planSeen = planSeen || isOutputs || isPlanningFailed;
      inOutputs = isOutputs;
      continue;
    }

    if (diagnostics.inPlain) {
      if (endsPlainDiagnostic(line)) {
        diagnostics.close();
      } else {
        diagnostics.plainLine(line);
      }
      continue;
    }

    if (inOutputs) {
      const output = parseOutputChange(line);
      if (output) {
        outputs.set(output.name, output);
      } else if (line === '' || !/^\s/.test(line)) {
        inOutputs = false;
      }
    }
  }
  diagnostics.close();

  const errors = diagnostics.diagnostics.filter(d => d.severity === 'error');
  const warnings = diagnostics.diagnostics.filter(
    d => d.severity === 'warning',
  );
  failNamedResources(states, errors);
  const resources = [...states.values()].map(summarizeResource);

  let kind: LogReport['kind'] = 'unknown';
  if (applied || resources.some(r => r.action !== 'read')) {
    kind = 'apply';
  } else if (
    plan ||
    planSeen ||
    noChanges ||
    planned.size > 0 ||
    refreshed.size > 0 ||
    resources.length > 0
  ) {
    kind = 'plan';
  }

  const report: LogReport = {
    kind,
    outcome: outcomeOf(errors, resources, applied, noChanges),
    resources,
    refreshed: [...refreshed.values()],
    planned: [...planned.values()],
    noChanges,
    outputChanges: [...outputs.values()],
    errors,
    warnings,
  };
  if (plan) report.plan = plan;
  if (applied) report.applied = applied;
  return report;
}
