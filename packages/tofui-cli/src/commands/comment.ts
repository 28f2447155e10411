import fs from 'node:fs/promises';
import { readPlan } from '../lib/artifacts';
import { detectCi } from '../lib/ciEnvironment';
import { CliError, ExitCode } from '../lib/exitCodes';
import { upsertGitHubComment } from '../lib/prComment/github';
import { upsertGitLabNote } from '../lib/prComment/gitlab';
import type { CommentResult } from '../lib/prComment/http';
import { buildSummary, commentMarker } from '../lib/prComment/summary';
import { read } from './render';

/** The flags of `tofui comment` (and what `publish --comment` passes). */
export interface CommentOptions {
  folder: string;
  plan?: string;
  log?: string;
  reportUrl?: string;
  verdict?: string;
  provider?: string;
  repo?: string;
  pullRequest?: string;
  githubApiUrl?: string;
  gitlabApiUrl?: string;
}

function provider(options: CommentOptions, env: NodeJS.ProcessEnv) {
  if (options.provider) {
    if (!['github', 'gitlab'].includes(options.provider)) {
      throw new CliError(
        `--provider must be github or gitlab, got '${options.provider}'`,
        ExitCode.Usage,
      );
    }
    return options.provider as 'github' | 'gitlab';
  }
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI) return 'gitlab';
  throw new CliError(
    'Give --provider github or gitlab: no GitHub Actions or GitLab CI here',
    ExitCode.Usage,
  );
}

function pullRequestNumber(options: CommentOptions, env: NodeJS.ProcessEnv) {
  if (options.pullRequest !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(options.pullRequest)) {
      throw new CliError(
        `--pull-request must be a number, got '${options.pullRequest}'`,
        ExitCode.Usage,
      );
    }
    return Number(options.pullRequest);
  }
  return detectCi(env).pullRequest;
}

/**
 * `tofui comment`: the folder's summary as one comment on the pull request
 * (GitHub) or merge request (GitLab), created once and then updated; on
 * GitHub Actions also the job summary (GITHUB_STEP_SUMMARY). Outside a pull
 * request only the job summary is written.
 */
export async function comment(
  options: CommentOptions,
  out: (line: string) => void = console.log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommentResult | undefined> {
  if (!options.plan && !options.log) {
    throw new CliError('Give --plan or --log', ExitCode.Usage);
  }
  const input = {
    folder: options.folder,
    plan: options.plan ? await readPlan(options.plan, '--plan') : undefined,
    log: options.log ? await read('--log', options.log) : undefined,
    reportUrl: options.reportUrl,
    verdict: options.verdict,
  };
  if (env.GITHUB_STEP_SUMMARY) {
    await fs.appendFile(
      env.GITHUB_STEP_SUMMARY,
      `${buildSummary(input, false)}\n\n`,
    );
  }
  const host = provider(options, env);
  const number = pullRequestNumber(options, env);
  if (number === undefined) {
    out('tofui: not a pull or merge request: no comment written');
    return undefined;
  }
  const body = buildSummary(input);
  const marker = commentMarker(options.folder);
  let result: CommentResult;
  if (host === 'github') {
    const token = env.GITHUB_TOKEN || env.GH_TOKEN;
    const repo = options.repo ?? env.GITHUB_REPOSITORY;
    if (!token) throw new CliError('Set GITHUB_TOKEN', ExitCode.Usage);
    if (!repo) throw new CliError('Give --repo owner/name', ExitCode.Usage);
    result = await upsertGitHubComment(
      {
        apiUrl:
          options.githubApiUrl ??
          env.GITHUB_API_URL ??
          'https://api.github.com',
        repo,
        pullRequest: number,
        token,
      },
      marker,
      body,
    );
  } else {
    const project = options.repo ?? env.CI_PROJECT_ID;
    const apiUrl = options.gitlabApiUrl ?? env.CI_API_V4_URL;
    if (!env.GITLAB_TOKEN && !env.CI_JOB_TOKEN) {
      throw new CliError('Set GITLAB_TOKEN (or CI_JOB_TOKEN)', ExitCode.Usage);
    }
    if (!project)
      throw new CliError('Give --repo group/project', ExitCode.Usage);
    if (!apiUrl) throw new CliError('Give --gitlab-api-url', ExitCode.Usage);
    result = await upsertGitLabNote(
      {
        apiUrl,
        project,
        mergeRequest: number,
        token: env.GITLAB_TOKEN || undefined,
        jobToken: env.CI_JOB_TOKEN || undefined,
      },
      marker,
      body,
    );
  }
  out(
    `tofui: ${result.action} the ${
      host === 'github' ? 'pull request comment' : 'merge request note'
    } ${result.id}${result.url ? ` ${result.url}` : ''}`,
  );
  return result;
}
