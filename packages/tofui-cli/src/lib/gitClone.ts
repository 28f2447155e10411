import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CliError, ExitCode } from './exitCodes';

export interface CloneRequest {
  url: string;
  branch: string;
  /** A GitHub token for a private repository (GITHUB_TOKEN). */
  token?: string;
}

/**
 * The git command line and environment for a shallow clone of one branch.
 * The token never goes into the command line (other users of the machine
 * see it in the process list) or the URL (git prints it in errors): it is
 * an `Authorization` header in git's environment configuration
 * (GIT_CONFIG_COUNT, git ≥ 2.31), sent to the repository's host only.
 */
export function cloneInvocation(
  request: CloneRequest,
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): { args: string[]; env: NodeJS.ProcessEnv } {
  const args = [
    'clone',
    '--quiet',
    '--depth',
    '1',
    '--single-branch',
    '--branch',
    request.branch,
    '--',
    request.url,
    dir,
  ];
  // never wait for a password prompt that nobody will answer
  const gitEnv: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: '0' };
  const origin = httpOrigin(request.url);
  if (request.token && origin) {
    // appended to any configuration the environment already passes
    const index = Number(env.GIT_CONFIG_COUNT) || 0;
    // Basic with x-access-token is what GitHub's git endpoint accepts for
    // app, Actions and personal access tokens alike
    const basic = Buffer.from(`x-access-token:${request.token}`).toString(
      'base64',
    );
    gitEnv.GIT_CONFIG_COUNT = String(index + 1);
    gitEnv[`GIT_CONFIG_KEY_${index}`] = `http.${origin}/.extraHeader`;
    gitEnv[`GIT_CONFIG_VALUE_${index}`] = `Authorization: Basic ${basic}`;
  }
  return { args, env: gitEnv };
}

/**
 * Clones `branch` of `url` into a new temporary directory, with the git on
 * the machine. `remove` deletes the clone.
 */
export async function cloneBranch(
  request: CloneRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'tofui-migrate-'));
  const remove = () => fs.rm(parent, { recursive: true, force: true });
  const dir = path.join(parent, 'gh-pages');
  const { args, env: gitEnv } = cloneInvocation(request, dir, env);
  try {
    await new Promise<void>((resolve, reject) => {
      execFile('git', args, { env: gitEnv }, (error, _stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr })) : resolve(),
      );
    });
  } catch (error) {
    await remove();
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    const why =
      e.code === 'ENOENT'
        ? 'git is not installed (or not on PATH)'
        : (e.stderr || e.message).trim();
    throw new CliError(
      `Cannot clone branch ${request.branch} of ${safeUrl(request.url)}: ${hide(
        why,
        request.token,
      )}`,
      ExitCode.Failure,
    );
  }
  return { dir, remove };
}

/** The URL without a user or password in it, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    return parsed.href;
  } catch {
    return url;
  }
}

function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function hide(text: string, token?: string): string {
  return token ? text.split(token).join('***') : text;
}
