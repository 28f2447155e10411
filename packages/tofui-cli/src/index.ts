/**
 * `tofui`: publish Terraform/OpenTofu reports to tofUI for Backstage.
 *
 * @packageDocumentation
 */
import { Command, CommanderError, Option } from 'commander';
import { publish } from './commands/publish';
import { CliError, ExitCode } from './lib/exitCodes';

const collect = (value: string, previous: string[]) => [...previous, value];

export function createProgram(): Command {
  const program = new Command('tofui')
    .description(
      'Publish Terraform/OpenTofu plan and apply reports to tofUI for Backstage',
    )
    .exitOverride()
    .showHelpAfterError();

  program
    .command('publish')
    .description(
      'Publish one report for a repository folder (token from TOFUI_TOKEN or TOFUI_CI_TOKEN)',
    )
    .requiredOption(
      '--server <url>',
      'Backstage backend URL, e.g. http://localhost:7007',
    )
    .requiredOption('--repo <owner/name>', 'source repository')
    .requiredOption(
      '--folder <folder>',
      'root module folder (_root for the repository root)',
    )
    .addOption(
      new Option('--type <type>', 'build (merge/apply) or test (PR/plan)')
        .choices(['build', 'test'])
        .default('build'),
    )
    .requiredOption(
      '--build-name <name>',
      'CI build or run name; republishing it updates the report',
    )
    .option('--display-name <name>', 'human-friendly name of the run')
    .option(
      '--status <type:code>',
      'a status code, e.g. terraform_plan:2 (repeatable)',
      collect,
      [],
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
    .option('--log <plan.log>', 'plan or apply log to upload with the report')
    .option('--html-url <url>', 'link to an HTML report hosted elsewhere')
    .option('--build-url <url>', 'link to the CI run')
    .option('--timestamp <iso>', 'when the run happened (default: now)')
    .option('--json', 'print the stored report as JSON')
    .action(async options => publish(options));

  return program;
}

/** Runs the CLI and exits with its documented exit code. */
export async function run(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
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
