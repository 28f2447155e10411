import { type Plan, planFromLog, renderPlanReport } from '@tofui/report';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { CliError, ExitCode } from '../lib/exitCodes';
import { sanitizeBuildName } from '../lib/legacy/dashboardFormat';
import { hideProperties, readLegacyConfig } from '../lib/legacyConfig';
import { writeExportVars } from '../lib/reportLinks';
import { cliVersion } from '../lib/version';
import { findReplacedFlag, REPLACED_FLAGS } from './legacyFlags';
import { publish } from './publish';
import { read, readPlanForReport } from './render';

/** The commands of this CLI; anything else first is the original's form. */
const COMMANDS = new Set(['publish', 'migrate', 'render', 'comment', 'help']);
const TOP_LEVEL_FLAGS = new Set(['-h', '--help', '-V', '--version']);

/**
 * Whether `args` (after `tofui`) are the original tofUI's invocation,
 * `tofui plan.json --build-name NAME …` or `tofui --build-name NAME … <
 * plan.log`, rather than one of this CLI's commands.
 */
export function isLegacyInvocation(args: string[]): boolean {
  const first = args[0];
  if (first === undefined) return false;
  if (first.startsWith('-')) return !TOP_LEVEL_FLAGS.has(first);
  return !COMMANDS.has(first);
}

export interface LegacyOptions {
  buildName: string;
  displayName?: string;
  buildUrl?: string;
  config?: string;
  stdoutTfLog?: string;
  applyMode?: boolean;
  terraformExitCode?: string;
  exportVarsFile?: string;
  status: string[];
  folder?: string;
  verbose?: boolean;
  debug?: boolean;
  server?: string;
  type?: string;
  repo?: string;
  appUrl?: string;
  outputDir?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The original tofUI's command line, with --server to publish. */
export function createLegacyProgram(): Command {
  const program = new Command('tofui')
    .usage('[plan.json] --build-name NAME [options]')
    .description(
      "The original tofUI's invocation: renders NAME.html from a plan (or from --stdout-tf-log alone); also publishes it when --server or TOFUI_SERVER is set",
    )
    .version(cliVersion(), '-V, --version', 'print the version')
    .argument('[plan.json]', 'plan JSON (terraform/tofu show -json)')
    .requiredOption(
      '-n, --build-name <name>',
      'names the report file (NAME.html) and the run',
    )
    .option('-d, --display-name <name>', 'title of the report')
    .option('--build-url <url>', 'link to the CI run')
    .option(
      '--config <file>',
      "the original's configuration JSON: properties.hidden_by_default",
    )
    .option(
      '--stdout-tf-log <file>',
      'plan or apply log to include; - reads it from stdin',
    )
    .option('--apply-mode', 'the run was an apply (report type build)')
    .option('--terraform-exit-code <code>', "terraform's exit code")
    .option(
      '--export-vars-file <file>',
      'write TOFUI_REPORT_URL, TOFUI_HTML_URL, TOFUI_REPORT_ID, TOFUI_VERDICT (and TOFUI_HTML_FILE) to source',
    )
    .option(
      '--status <type:code>',
      'a status code, e.g. tfsec:0 (repeatable)',
      collect,
      [],
    )
    .option('--folder <folder>', 'root module folder (default: _root)')
    .option('-v, --verbose', 'say what is done, on stderr')
    .option('--debug', 'as --verbose')
    .addOption(
      new Option('--server <url>', 'also publish to this tofUI backend').env(
        'TOFUI_SERVER',
      ),
    )
    .addOption(
      new Option(
        '--type <type>',
        'report type (default: test for a plan, build with --apply-mode)',
      ).choices(['build', 'test']),
    )
    .option('--repo <owner/name>', 'source repository (default: from CI)')
    .option('--app-url <url>', 'Backstage app URL (default: TOFUI_APP_URL)')
    .option('--output-dir <dir>', 'where NAME.html goes (default: .)')
    .exitOverride()
    .showHelpAfterError();
  return program;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs the original's invocation (`args` without `node tofui`). */
export async function runLegacy(
  args: string[],
  out: (line: string) => void = console.log,
): Promise<void> {
  const replaced = findReplacedFlag(args);
  if (replaced) {
    throw new CliError(
      `${replaced}: ${REPLACED_FLAGS[replaced]}`,
      ExitCode.Usage,
    );
  }
  const program = createLegacyProgram();
  program.parse(args, { from: 'user' });
  await legacy(program.args[0], program.opts<LegacyOptions>(), out);
}

/**
 * `tofui plan.json --build-name NAME …`: as the original, NAME.html (the
 * build name turned into a file name as the original did); published too
 * when a server is given.
 */
export async function legacy(
  planFile: string | undefined,
  options: LegacyOptions,
  out: (line: string) => void = console.log,
): Promise<void> {
  const say = (line: string) =>
    (options.verbose || options.debug) &&
    process.stderr.write(`tofui: ${line}\n`);
  let log: string | undefined;
  if (options.stdoutTfLog === '-' || (!planFile && !options.stdoutTfLog)) {
    if (process.stdin.isTTY) {
      throw new CliError(
        'Give a plan JSON file or --stdout-tf-log (or pipe the log in)',
        ExitCode.Usage,
      );
    }
    say('reading the log from stdin');
    log = await readStdin();
  } else if (options.stdoutTfLog) {
    log = await read('--stdout-tf-log', options.stdoutTfLog);
  }
  const config = options.config
    ? await readLegacyConfig(options.config)
    : undefined;
  let plan: Plan;
  let warnings: string[] = [];
  if (planFile) {
    // the warnings go into the report, as the original showed them
    ({ plan, warnings } = await readPlanForReport(planFile, log, () => {}));
    plan = hideProperties(plan, config?.hiddenProperties ?? []);
  } else {
    plan = planFromLog(log!);
  }
  const html = await renderPlanReport(plan, {
    displayName: options.displayName,
    buildName: options.buildName,
    buildUrl: options.buildUrl,
    repository: options.repo,
    folder: options.folder,
    expandAll: config?.expandAll,
    log,
    warnings,
  });
  const name = sanitizeBuildName(options.buildName) || 'report';
  const htmlFile = path.resolve(options.outputDir ?? '.', `${name}.html`);
  await fs.writeFile(htmlFile, html).catch(error => {
    throw new CliError(
      `Cannot write ${htmlFile}: ${error.message}`,
      ExitCode.Failure,
    );
  });
  out(`Wrote ${path.relative(process.cwd(), htmlFile) || htmlFile}`);

  if (!options.server) {
    say('no --server or TOFUI_SERVER: not published');
    if (options.exportVarsFile) {
      await writeExportVars(options.exportVarsFile, {
        TOFUI_HTML_FILE: htmlFile,
      });
    }
    return;
  }
  // the publish reads files: a log from stdin goes through a temporary one
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'tofui-'));
  try {
    let logFile = options.stdoutTfLog !== '-' ? options.stdoutTfLog : undefined;
    if (log !== undefined && !logFile) {
      logFile = path.join(temp, `${name}.log`);
      await fs.writeFile(logFile, log);
    }
    say(`publishing to ${options.server}`);
    await publish(
      {
        server: options.server,
        folder: options.folder ?? '_root',
        // as the original: test reports for plans, build reports for applies
        type: options.type ?? (options.applyMode ? 'build' : 'test'),
        buildName: options.buildName,
        displayName: options.displayName,
        buildUrl: options.buildUrl,
        repo: options.repo,
        status: options.status,
        applyMode: options.applyMode,
        terraformExitCode:
          options.terraformExitCode ??
          // a log alone with errors is a failed run
          (!planFile && plan.errored ? '1' : undefined),
        plan: planFile,
        html: htmlFile,
        log: logFile,
        appUrl: options.appUrl,
        exportVarsFile: options.exportVarsFile,
      },
      out,
    );
    if (options.exportVarsFile) {
      await fs.appendFile(
        options.exportVarsFile,
        `export TOFUI_HTML_FILE='${htmlFile.replace(/'/g, `'\\''`)}'\n`,
      );
    }
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}
