/**
 * `tofui`: publish Terraform/OpenTofu reports to tofUI for Backstage, and
 * migrate the original tofUI's GitHub Pages dashboard to it.
 *
 * @packageDocumentation
 */
import { Command, CommanderError, Option } from 'commander';
import { isLegacyInvocation, runLegacy } from './commands/legacy';
import { comment } from './commands/comment';
import { migrate } from './commands/migrate';
import { publish } from './commands/publish';
import { render } from './commands/render';
import { CliError, ExitCode } from './lib/exitCodes';
import { reportLinks } from './lib/reportLinks';
import { cliVersion } from './lib/version';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--server`, required, falling back to TOFUI_SERVER. */
function serverOption(): Option {
  return new Option(
    '--server <url>',
    'Backstage backend URL, e.g. http://localhost:7007',
  )
    .env('TOFUI_SERVER')
    .makeOptionMandatory();
}

export function createProgram(): Command {
  const program = new Command('tofui')
    .description(
      'Publish Terraform/OpenTofu plan and apply reports to tofUI for Backstage',
    )
    .version(cliVersion(), '-V, --version', 'print the version')
    .addHelpText(
      'after',
      "\nThe original tofUI's form works too: tofui plan.json --build-name NAME [options]\n(see tofui plan.json --build-name x --help, and docs/cli.md)",
    )
    .exitOverride()
    .showHelpAfterError();

  program
    .command('publish')
    .description(
      'Publish one report for a repository folder (token from TOFUI_TOKEN or TOFUI_CI_TOKEN)',
    )
    .addOption(serverOption())
    .option('--repo <owner/name>', 'source repository (default: from CI)')
    .requiredOption(
      '--folder <folder>',
      'root module folder (_root for the repository root)',
    )
    .addOption(
      new Option('--type <type>', 'build (merge/apply) or test (PR/plan)')
        .choices(['build', 'test'])
        .default('build'),
    )
    .option(
      '--build-name <name>',
      'CI build or run name; republishing it updates the report (default: from CI)',
    )
    .option('--display-name <name>', 'human-friendly name of the run')
    .option(
      '--status <type:code>',
      'a status code, e.g. terraform_plan:2 (repeatable)',
      collect,
      [],
    )
    .option(
      '--apply-mode',
      'the run was an apply: record terraform_apply instead of terraform_plan',
    )
    .option(
      '--terraform-exit-code <code>',
      "terraform's exit code: plan -detailed-exitcode 0/1/2, apply 0 or failed",
    )
    .option(
      '--plan <plan.json>',
      'plan JSON (terraform show -json): uploaded redacted; gives terraform_plan when --status does not',
    )
    .option(
      '--no-upload-plan',
      'use --plan for the status only, do not upload it',
    )
    .option('--html <report.html>', 'HTML report to upload with the report')
    .option(
      '--log <plan.log>',
      'plan or apply log to upload with the report (secrets masked)',
    )
    .option('--html-url <url>', 'link to an HTML report hosted elsewhere')
    .option('--build-url <url>', 'link to the CI run (default: from CI)')
    .option('--timestamp <iso>', 'when the run happened (default: now)')
    .option('--commit <sha>', 'commit the run was for (default: from CI)')
    .option('--branch <name>', 'branch the run was for (default: from CI)')
    .option(
      '--pull-request <number>',
      'pull or merge request number (default: from CI)',
    )
    .option('--actor <name>', 'who started the run (default: from CI)')
    .option(
      '--no-ci-detect',
      'do not read GitHub Actions, GitLab CI, Jenkins or CodeBuild variables',
    )
    .option(
      '--retries <n>',
      'retries on network errors, 429 and 5xx (default: TOFUI_RETRIES, else 4)',
    )
    .option(
      '--redaction-config <file.json>',
      "redaction options, JSON, as the backend's tofui.redaction (rules, allow-list)",
    )
    .option('--json', 'print the stored report as JSON')
    .option(
      '--app-url <url>',
      'Backstage app URL for the printed link, when not the backend URL (default: TOFUI_APP_URL)',
    )
    .option(
      '--export-vars-file <file>',
      'write TOFUI_REPORT_URL, TOFUI_HTML_URL, TOFUI_REPORT_ID and TOFUI_VERDICT to this file, to source',
    )
    .option(
      '--also-legacy-dashboard <dir>',
      'also write the run into a checked-out original tofUI dashboard (gh-pages), as its publisher did',
    )
    .option(
      '--comment',
      'also write the summary on the pull or merge request (see tofui comment)',
    )
    .action(async options => {
      const report = await publish(options);
      if (options.comment) {
        await comment({
          ...options,
          reportUrl: reportLinks(
            report,
            options.server,
            options.appUrl ?? process.env.TOFUI_APP_URL,
          ).reportUrl,
          verdict: report.overallStatus,
        });
      }
    });

  program
    .command('comment')
    .description(
      "Write the folder's summary (verdict, counts, risky changes, drift, report link) as one comment on the GitHub pull request or GitLab merge request, updated on every run (token from GITHUB_TOKEN, GITLAB_TOKEN or CI_JOB_TOKEN)",
    )
    .requiredOption(
      '--folder <folder>',
      'root module folder: one comment per folder',
    )
    .option('--plan <plan.json>', 'plan JSON (terraform show -json)')
    .option('--log <file>', 'plan or apply log, when there is no plan')
    .option('--report-url <url>', "the report's page in Backstage")
    .addOption(
      new Option('--provider <host>', 'default: from CI').choices([
        'github',
        'gitlab',
      ]),
    )
    .option(
      '--repo <repo>',
      'owner/name on GitHub, project id or path on GitLab (default: from CI)',
    )
    .option('--pull-request <number>', 'default: from CI')
    .option('--github-api-url <url>', 'default: GITHUB_API_URL')
    .option('--gitlab-api-url <url>', 'default: CI_API_V4_URL')
    .action(async options => {
      await comment(options);
    });

  program
    .command('migrate')
    .description(
      'Import an original tofUI GitHub Pages dashboard: status types, repositories, reports with their HTML, plans and logs (token from TOFUI_TOKEN or TOFUI_CI_TOKEN)',
    )
    .addOption(serverOption())
    .option('--from <dir>', 'a checked-out gh-pages tree of the old dashboard')
    .option(
      '--from-git <url>',
      'clone the old dashboard from this git URL instead (GITHUB_TOKEN for private repositories)',
    )
    .option('--branch <name>', 'branch to clone with --from-git', 'gh-pages')
    .option(
      '--artifacts-from <dir>',
      "another checked-out tree where the old tofUI wrote HTML reports, plans and logs, e.g. a source repository's gh-pages (repeatable)",
      collect,
      [],
    )
    .option('--dry-run', 'show what would be imported; write nothing')
    .option(
      '--retries <n>',
      'retries on network errors, 429 and 5xx (default: TOFUI_RETRIES, else 4)',
    )
    .action(async options => migrate(options));

  program
    .command('render')
    .description(
      'Render plan JSON (terraform/tofu show -json), or a plan/apply log alone, as a self-contained, redacted HTML report',
    )
    .argument(
      '[plan.json]',
      'plan JSON; without it, the apply or error report of --log',
    )
    .requiredOption('-o, --output <report.html>', 'where to write the report')
    .option(
      '--log <plan.log>',
      'plan or apply log to embed, secrets masked (its errors and warnings are shown)',
    )
    .option('--display-name <name>', 'title of the report')
    .option('--build-url <url>', 'link to the CI run (http/https only)')
    .option('--repo <owner/name>', 'repository, shown in the header')
    .option('--folder <folder>', 'root module folder, shown in the header')
    .option(
      '--redaction-config <file.json>',
      "redaction options, JSON, as the backend's tofui.redaction (rules, allow-list)",
    )
    .action(async (planFile: string | undefined, options) =>
      render(planFile, options),
    );

  return program;
}

/** Runs the CLI and exits with its documented exit code. */
export async function run(argv: string[]): Promise<void> {
  try {
    const args = argv.slice(2);
    if (isLegacyInvocation(args)) {
      await runLegacy(args);
    } else {
      await createProgram().parseAsync(argv);
    }
    process.exitCode = ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; every other parse error is a usage error
      process.exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return;
    }
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(
            String((error as Error)?.message ?? error),
            ExitCode.Failure,
          );
    process.stderr.write(`tofui: ${cliError.message}\n`);
    process.exitCode = cliError.exitCode;
  }
}
