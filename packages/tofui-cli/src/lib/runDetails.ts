import type { PublishReportRequest } from '@tofui/backstage-plugin-tofui-common';
import { detectCi } from './ciEnvironment';
import { CliError, ExitCode } from './exitCodes';

/** The flags that say which run a report is for. */
export interface RunFlags {
  repo?: string;
  buildName?: string;
  buildUrl?: string;
  commit?: string;
  branch?: string;
  pullRequest?: string;
  actor?: string;
  /** false with --no-ci-detect */
  ciDetect?: boolean;
}

type RunFields = Pick<
  PublishReportRequest,
  | 'source_repo'
  | 'build_name'
  | 'build_url'
  | 'commit_sha'
  | 'branch'
  | 'pull_request'
  | 'ci_provider'
  | 'actor'
>;

/**
 * The report fields that identify the run: from the flags, and for what the
 * flags leave out, from the CI environment. The repository and build name
 * are required; a usage error names the flag when CI could not tell.
 */
export function runDetails(flags: RunFlags, env: NodeJS.ProcessEnv): RunFields {
  const commit =
    flags.commit !== undefined ? parseCommit(flags.commit) : undefined;
  const pullRequest = parsePullRequest(flags.pullRequest);
  const ci = flags.ciDetect === false ? {} : detectCi(env);
  const required = (flag: string, value: string | undefined) => {
    if (!value) {
      throw new CliError(
        `Give ${flag}: ${
          flags.ciDetect === false
            ? 'CI detection is off'
            : 'it could not be detected from the CI environment'
        }`,
        ExitCode.Usage,
      );
    }
    return value;
  };
  const optional = {
    build_url: flags.buildUrl ?? ci.buildUrl,
    commit_sha: commit ?? ci.commitSha,
    branch: flags.branch ?? ci.branch,
    pull_request: pullRequest ?? ci.pullRequest,
    ci_provider: ci.provider,
    actor: flags.actor ?? ci.actor,
  };
  return {
    source_repo: required('--repo <owner/name>', flags.repo ?? ci.repository),
    build_name: required(
      '--build-name <name>',
      flags.buildName ?? ci.buildName,
    ),
    // left out rather than sent empty: the server validates what is sent
    ...Object.fromEntries(
      Object.entries(optional).filter(
        ([, value]) => value !== undefined && value !== '',
      ),
    ),
  };
}

function parsePullRequest(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^[1-9]\d{0,9}$/.test(value.trim())) {
    throw new CliError(
      `--pull-request must be a pull request number, got '${value}'`,
      ExitCode.Usage,
    );
  }
  return Number(value);
}

function parseCommit(value: string): string {
  if (!/^[0-9a-fA-F]{7,64}$/.test(value.trim())) {
    throw new CliError(
      `--commit must be a commit SHA (7 to 64 hex digits), got '${value}'`,
      ExitCode.Usage,
    );
  }
  return value.trim();
}
