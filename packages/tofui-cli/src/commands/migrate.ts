import fs from 'node:fs/promises';
import path from 'node:path';
import { CliError, ExitCode } from '../lib/exitCodes';
import { cloneBranch, safeUrl } from '../lib/gitClone';
import { readDashboardTree } from '../lib/legacy/readDashboardTree';
import type { MigrationContext } from '../lib/migrate/context';
import {
  importRepositories,
  importStatusTypes,
} from '../lib/migrate/importConfig';
import { importReports } from '../lib/migrate/importReports';
import { Inventory } from '../lib/migrate/inventory';
import { Tally } from '../lib/migrate/tally';
import type { ProgressOutput } from '../lib/progress';
import { type RetryPolicy, retriesFrom, retryPolicy } from '../lib/retry';
import {
  createServerClient,
  publishMultipart,
  toCliError,
  tokenFromEnv,
} from '../lib/server';

/** The flags of `tofui migrate`. */
export interface MigrateOptions {
  server: string;
  /** A checked-out gh-pages tree of the original dashboard. */
  from?: string;
  /** …or a git URL to clone it from. */
  fromGit?: string;
  branch?: string;
  /** Other checked-out trees the old tofUI wrote HTML, plans and logs to. */
  artifactsFrom?: string[];
  dryRun?: boolean;
  retries?: string;
}

/** What migrating talks to; tests replace parts of it. */
export interface MigrateDeps {
  env?: NodeJS.ProcessEnv;
  /** Retry and clone messages go here. */
  stderr?: ProgressOutput;
  retry?: Partial<RetryPolicy>;
}

/**
 * `tofui migrate`: brings an original tofUI GitHub Pages dashboard into
 * tofUI for Backstage through its public API — status types, repositories
 * and folders, every report with its HTML, plan and log — then prints what
 * was imported, skipped and why anything failed. The tree is only read.
 */
export async function migrate(
  options: MigrateOptions,
  out: (line: string) => void = console.log,
  deps: MigrateDeps = {},
): Promise<void> {
  const env = deps.env ?? process.env;
  const stderr = deps.stderr ?? process.stderr;
  if (Boolean(options.from) === Boolean(options.fromGit)) {
    throw new CliError(
      'Give the old dashboard as --from DIR (a checked-out gh-pages branch) or --from-git URL',
      ExitCode.Usage,
    );
  }
  const token = tokenFromEnv(env);
  if (!token) {
    throw new CliError(
      'Set TOFUI_TOKEN (or TOFUI_CI_TOKEN) to a token of the tofUI backend; status types and repositories need a migration token (docs/migration.md)',
      ExitCode.Usage,
    );
  }
  const retry = retryPolicy({
    retries: retriesFrom(options.retries, env),
    log: line => stderr.write(`${line}\n`),
    ...deps.retry,
  });
  const extraRoots = await Promise.all(
    (options.artifactsFrom ?? []).map(dir =>
      directory(dir, '--artifacts-from'),
    ),
  );
  const source = options.from
    ? { dir: await directory(options.from, '--from'), remove: async () => {} }
    : await clone(options, env, stderr);
  try {
    const tree = await readDashboardTree(source.dir);
    const client = createServerClient(options.server, token, retry);
    const ctx: MigrationContext = {
      client,
      publish: (body, artifacts) =>
        artifacts.length > 0
          ? publishMultipart(options.server, token, body, artifacts, { retry })
          : client.publishReport(body),
      inventory: new Inventory(client),
      tally: new Tally(),
      dryRun: Boolean(options.dryRun),
      out,
    };
    out(
      `${ctx.dryRun ? 'Dry run (nothing is written): ' : ''}migrating ${
        tree.slots.length
      } report files from ${options.from ?? safeUrl(options.fromGit!)} to ${
        options.server
      }`,
    );
    const started = Date.now();
    let stopped: CliError | undefined;
    try {
      await ctx.inventory.load(
        new Set([
          ...Object.keys(tree.config.repositories ?? {}),
          ...tree.slots.flatMap(s => ('slot' in s ? [s.slot.source_repo] : [])),
        ]),
      );
      await importStatusTypes(ctx, tree.config);
      await importRepositories(ctx, tree.config);
      await importReports(ctx, tree, [source.dir, ...extraRoots]);
      ctx.inventory.settle(ctx.tally);
    } catch (error) {
      // the server stopped answering (or refused the token): say what was
      // done; the next run skips it and goes on from there
      stopped = toCliError(error, options.server);
    }
    out('');
    ctx.tally.render(ctx.dryRun).forEach(line => out(line));
    out('');
    out(
      `${stopped ? 'Stopped' : 'Done'} after ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s${ctx.dryRun ? '; dry run: nothing was written' : ''}.`,
    );
    if (stopped) {
      throw new CliError(
        `${stopped.message} (run it again to go on: what is already imported is skipped)`,
        stopped.exitCode,
      );
    }
    const failures = ctx.tally.failures.length;
    if (failures > 0) {
      throw new CliError(
        `${failures} ${
          failures === 1 ? 'item' : 'items'
        } failed, listed above with the reasons; fix them and run it again`,
        ExitCode.Failure,
      );
    }
  } finally {
    await source.remove();
  }
}

async function directory(dir: string, flag: string): Promise<string> {
  const resolved = path.resolve(dir);
  let stat;
  try {
    stat = await fs.stat(resolved);
  } catch (error) {
    throw new CliError(
      `${flag} ${dir}: ${(error as Error).message}`,
      ExitCode.Usage,
    );
  }
  if (!stat.isDirectory()) {
    throw new CliError(`${flag} ${dir} is not a directory`, ExitCode.Usage);
  }
  return resolved;
}

async function clone(
  options: MigrateOptions,
  env: NodeJS.ProcessEnv,
  stderr: ProgressOutput,
) {
  const branch = options.branch ?? 'gh-pages';
  stderr.write(
    `tofui: cloning ${branch} of ${safeUrl(options.fromGit!)}${
      env.GITHUB_TOKEN ? ' with GITHUB_TOKEN' : ''
    }\n`,
  );
  return cloneBranch(
    { url: options.fromGit!, branch, token: env.GITHUB_TOKEN || undefined },
    env,
  );
}
