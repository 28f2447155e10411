import type { PublishReportRequest } from '@tofui/backstage-plugin-tofui-common';
import path from 'node:path';
import {
  type Artifact,
  htmlArtifact,
  logArtifact,
  withLogRedaction,
  planArtifact,
  type RedactedPlan,
  redactForUpload,
  readPlan,
} from '../artifacts';
import { type LegacySlot, slotTimestamp } from '../legacy/dashboardFormat';
import { findArtifacts, type LegacyArtifacts } from '../legacy/findArtifacts';
import type { DashboardTree, SlotFile } from '../legacy/readDashboardTree';
import { type MigrationContext, refusal } from './context';

type Kind = Artifact['kind'];
const KINDS: Kind[] = ['html', 'plan', 'log'];

/**
 * Every report slot file, with the HTML report, plan and log the old tofUI
 * wrote for it, through the same publish as CI (`POST /v1/reports`,
 * multipart): the plan redacted and the log masked before upload. Reports
 * already in tofUI (same repository, folder, type and build name) are
 * skipped, so a second run imports nothing twice and an interrupted one
 * picks up where it stopped: a report is stored whole or not at all.
 */
export async function importReports(
  ctx: MigrationContext,
  tree: DashboardTree,
  artifactRoots: string[],
): Promise<void> {
  const newest = newestFileOfEachBuild(tree.slots);
  for (const entry of tree.slots) {
    if ('error' in entry) {
      ctx.tally.fail('reports', entry.file, entry.error);
      ctx.out(`report ${entry.file}: FAILED — ${entry.error}`);
      continue;
    }
    const { slot, file } = entry;
    const line = (what: string) =>
      ctx.out(
        `report ${file} (${slot.source_repo} ${slot.folder} ${slot.report_type} ${slot.build_name}): ${what}`,
      );
    ctx.inventory.want(slot.source_repo);
    ctx.inventory.want(slot.source_repo, slot.folder);
    const newer = newest.get(buildKey(slot));
    if (newer !== file) {
      ctx.tally.add('reports', 'skipped');
      line(`skipped — the same build as ${newer}, which is newer`);
      continue;
    }
    const found = findArtifacts(artifactRoots, slot);
    const kinds = KINDS.filter(kind => found[kind]);
    const existing = await ctx.inventory.existingReport(
      slot.source_repo,
      slot.folder,
      slot.report_type,
      slot.build_name,
    );
    if (existing) {
      ctx.tally.add('reports', 'skipped');
      ctx.tally.add('artifacts', 'skipped', kinds.length);
      line(`skipped — already in tofUI (${existing.id})`);
      continue;
    }
    const artifacts = await readArtifacts(ctx, file, found, tree.root);
    const body = withLogRedaction(
      publishRequest(slot, found, artifacts),
      artifacts,
    );
    const uploads =
      describe(artifacts, found, tree.root) + droppedUrl(slot, body, artifacts);
    if (ctx.dryRun) {
      ctx.tally.add('reports', 'imported');
      ctx.tally.add('artifacts', 'imported', artifacts.length);
      ctx.inventory.created(slot.source_repo, slot.folder);
      line(`would import${uploads}`);
      continue;
    }
    try {
      const { value: report } = await ctx.publish(body, artifacts);
      ctx.tally.add('reports', 'imported');
      ctx.tally.add('artifacts', 'imported', artifacts.length);
      ctx.inventory.created(slot.source_repo, slot.folder);
      ctx.inventory.stored(report);
      line(`imported as ${report.id}${uploads}`);
    } catch (error) {
      const reason = refusal(error);
      ctx.tally.fail('reports', file, reason);
      if (artifacts.length > 0) {
        ctx.tally.fail(
          'artifacts',
          `${file} (${artifacts.map(a => a.kind).join(', ')})`,
          'their report was not imported',
          artifacts.length,
        );
      }
      ctx.inventory.blocked(slot.source_repo, undefined, reason);
      ctx.inventory.blocked(slot.source_repo, slot.folder, reason);
      line(`FAILED — ${reason}`);
    }
  }
}

/**
 * The report as tofUI takes it. An html_url into the imported trees is
 * left out when that HTML is uploaded: tofUI serves it from then on, and
 * the old site may go. One leading elsewhere stays as it is.
 */
function publishRequest(
  slot: LegacySlot,
  found: LegacyArtifacts,
  artifacts: Artifact[],
): PublishReportRequest {
  const uploadsHtml = artifacts.some(a => a.kind === 'html');
  const keepUrl =
    typeof slot.html_url === 'string' &&
    /^https?:\/\//i.test(slot.html_url) &&
    !(found.htmlUrlInTree && uploadsHtml);
  const timestamp = slotTimestamp(slot);
  return {
    source_repo: slot.source_repo,
    folder: slot.folder,
    report_type: slot.report_type as PublishReportRequest['report_type'],
    build_name: slot.build_name,
    statuses: slot.statuses,
    ...(slot.display_name && { display_name: slot.display_name }),
    ...(keepUrl && { html_url: slot.html_url! }),
    ...(timestamp && { timestamp }),
  };
}

/**
 * Reads the files; one that cannot be read (or a plan that does not parse)
 * is counted as a failed artifact and the report goes without it.
 */
async function readArtifacts(
  ctx: MigrationContext,
  file: string,
  found: LegacyArtifacts,
  root: string,
): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  const failed = (kind: Kind, error: unknown) => {
    const reason = (error as Error).message;
    ctx.tally.fail('artifacts', `${file} ${kind}`, reason);
    ctx.out(
      `report ${file}: ${kind} ${relative(
        root,
        found[kind]!,
      )} FAILED — ${reason}`,
    );
  };
  let plan: RedactedPlan | undefined;
  if (found.plan) {
    try {
      plan = redactForUpload(await readPlan(found.plan));
      artifacts.push(planArtifact(plan));
    } catch (error) {
      failed('plan', error);
    }
  }
  if (found.html) {
    try {
      artifacts.push(await htmlArtifact(found.html));
    } catch (error) {
      failed('html', error);
    }
  }
  if (found.log) {
    try {
      artifacts.push(await logArtifact(found.log, plan));
    } catch (error) {
      failed('log', error);
    }
  }
  // the plan is read first (the log is masked with its values), but shown
  // in the usual order
  return KINDS.flatMap(kind => artifacts.filter(a => a.kind === kind));
}

function describe(artifacts: Artifact[], found: LegacyArtifacts, root: string) {
  if (artifacts.length === 0) {
    return '';
  }
  return ` with ${artifacts
    .map(a => `${a.kind} ${relative(root, found[a.kind]!)}`)
    .join(', ')}`;
}

/** An html_url neither kept nor replaced by an upload is said, not lost. */
function droppedUrl(
  slot: LegacySlot,
  body: PublishReportRequest,
  artifacts: Artifact[],
) {
  return slot.html_url &&
    !body.html_url &&
    !artifacts.some(a => a.kind === 'html')
    ? ` (html_url ${slot.html_url} not kept: not http(s) and not in the tree)`
    : '';
}

/** A path in the dashboard tree relative to it; other trees' in full. */
function relative(root: string, file: string) {
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel;
}

function buildKey(slot: LegacySlot) {
  return [
    slot.source_repo.toLowerCase(),
    slot.folder,
    slot.report_type,
    slot.build_name,
  ].join('\n');
}

/**
 * Which file to import when several hold the same build (a build both
 * named after itself and in a numbered slot): the newest run; on a tie,
 * the first file by name.
 */
function newestFileOfEachBuild(slots: SlotFile[]): Map<string, string> {
  const newest = new Map<string, { file: string; time: number }>();
  for (const entry of slots) {
    if ('error' in entry) {
      continue;
    }
    const parsed = Date.parse(slotTimestamp(entry.slot) ?? '');
    const time = Number.isNaN(parsed) ? -Infinity : parsed;
    const key = buildKey(entry.slot);
    const current = newest.get(key);
    if (!current || time > current.time) {
      newest.set(key, { file: entry.file, time });
    }
  }
  return new Map([...newest].map(([key, { file }]) => [key, file]));
}
