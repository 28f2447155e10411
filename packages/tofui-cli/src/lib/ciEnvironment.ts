/**
 * What the CI run says about itself, read from its environment variables.
 * Every field is undefined when the provider does not tell (or tells
 * something the server would reject, such as a non-hex commit).
 */
export interface CiEnvironment {
  /** As the server's `ci_provider`: github-actions, gitlab-ci, jenkins, codebuild. */
  provider?: string;
  commitSha?: string;
  branch?: string;
  pullRequest?: number;
  buildUrl?: string;
  actor?: string;
  /** `owner/name`; undefined for paths of another shape (nested GitLab groups). */
  repository?: string;
  /** Names the run, not the attempt, so that a rerun updates the same report. */
  buildName?: string;
}

type Env = Record<string, string | undefined>;

interface Provider {
  name: string;
  detect(env: Env): boolean;
  read(
    get: (name: string) => string | undefined,
  ): Omit<CiEnvironment, 'provider'>;
}

const PROVIDERS: Provider[] = [
  {
    name: 'github-actions',
    detect: env => env.GITHUB_ACTIONS === 'true',
    read: get => {
      const ref = get('GITHUB_REF');
      const server = get('GITHUB_SERVER_URL');
      const repository = get('GITHUB_REPOSITORY');
      const runId = get('GITHUB_RUN_ID');
      const attempt = Number(get('GITHUB_RUN_ATTEMPT') ?? 1);
      const runUrl =
        server && repository && runId
          ? `${server.replace(/\/$/, '')}/${repository}/actions/runs/${runId}`
          : undefined;
      const workflow = get('GITHUB_WORKFLOW');
      const runNumber = get('GITHUB_RUN_NUMBER');
      return {
        // On pull_request events this is the merge commit GitHub made; the
        // head commit is only in the event payload, so --commit overrides.
        commitSha: get('GITHUB_SHA'),
        // GITHUB_HEAD_REF is the PR's source branch; GITHUB_REF_NAME is
        // `12/merge` on PRs and a tag name on tag pushes, so only trust it
        // for branch refs.
        branch:
          get('GITHUB_HEAD_REF') ??
          (ref?.startsWith('refs/heads/') ? get('GITHUB_REF_NAME') : undefined),
        pullRequest: pullNumber(/^refs\/pull\/(\d+)\/(?:merge|head)$/, ref),
        buildUrl:
          runUrl && attempt > 1 ? `${runUrl}/attempts/${attempt}` : runUrl,
        actor: get('GITHUB_ACTOR'),
        repository,
        buildName: workflow && runNumber ? `${workflow} #${runNumber}` : runId,
      };
    },
  },
  {
    name: 'gitlab-ci',
    detect: env => env.GITLAB_CI === 'true',
    read: get => {
      const pipeline = get('CI_PIPELINE_IID') ?? get('CI_PIPELINE_ID');
      return {
        commitSha: get('CI_COMMIT_SHA'),
        // CI_COMMIT_REF_NAME is the tag name in tag pipelines
        branch:
          get('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME') ??
          (get('CI_COMMIT_TAG') ? undefined : get('CI_COMMIT_REF_NAME')),
        pullRequest: pullNumber(/^(\d+)$/, get('CI_MERGE_REQUEST_IID')),
        buildUrl: get('CI_JOB_URL') ?? get('CI_PIPELINE_URL'),
        actor: get('GITLAB_USER_LOGIN'),
        repository: get('CI_PROJECT_PATH'),
        buildName: pipeline
          ? `${get('CI_PIPELINE_NAME') ?? 'pipeline'} #${pipeline}`
          : undefined,
      };
    },
  },
  {
    name: 'codebuild',
    detect: env => Boolean(env.CODEBUILD_BUILD_ID),
    read: get => {
      const buildId = get('CODEBUILD_BUILD_ID')!;
      const buildNumber = get('CODEBUILD_BUILD_NUMBER');
      // webhook builds name the ref; manual builds may give it as the version
      const headRef =
        get('CODEBUILD_WEBHOOK_HEAD_REF') ?? get('CODEBUILD_SOURCE_VERSION');
      return {
        // for S3 sources this is an object version, dropped as not a commit
        commitSha: get('CODEBUILD_RESOLVED_SOURCE_VERSION'),
        branch: headRef?.startsWith('refs/heads/')
          ? headRef.slice('refs/heads/'.length)
          : undefined,
        pullRequest: pullNumber(
          /^pr\/(\d+)$/,
          get('CODEBUILD_WEBHOOK_TRIGGER') ?? get('CODEBUILD_SOURCE_VERSION'),
        ),
        buildUrl: get('CODEBUILD_BUILD_URL'),
        actor:
          get('CODEBUILD_WEBHOOK_ACTOR_ACCOUNT_ID') ??
          get('CODEBUILD_INITIATOR'),
        repository: repositoryFromGitUrl(get('CODEBUILD_SOURCE_REPO_URL')),
        // the build ID is `project:uuid`
        buildName: buildNumber
          ? `${buildId.split(':')[0]} #${buildNumber}`
          : buildId,
      };
    },
  },
  {
    // last: JENKINS_URL is an ordinary URL variable that scripts in other CI
    // systems also export (to trigger Jenkins jobs); the others are flags
    name: 'jenkins',
    detect: env => Boolean(env.JENKINS_URL),
    read: get => {
      const job = get('JOB_NAME');
      const build = get('BUILD_NUMBER');
      return {
        commitSha: get('GIT_COMMIT'),
        // on multibranch PR builds BRANCH_NAME is `PR-12`; CHANGE_BRANCH is
        // the source branch. GIT_BRANCH (git plugin) is `origin/main`.
        branch:
          get('CHANGE_BRANCH') ??
          get('BRANCH_NAME') ??
          get('GIT_BRANCH')?.replace(/^(?:refs\/heads\/|origin\/)/, ''),
        pullRequest: pullNumber(/^(\d+)$/, get('CHANGE_ID')),
        buildUrl: get('BUILD_URL'),
        actor: get('BUILD_USER_ID') ?? get('CHANGE_AUTHOR'),
        repository: repositoryFromGitUrl(get('GIT_URL')),
        buildName: job && build ? `${job} #${build}` : undefined,
      };
    },
  },
];

/** Detects the CI provider the CLI runs in and reads what it tells. */
export function detectCi(env: Env = process.env): CiEnvironment {
  const provider = PROVIDERS.find(p => p.detect(env));
  if (!provider) {
    return {};
  }
  // CI systems export unset values as empty strings
  const get = (name: string) => env[name]?.trim() || undefined;
  const found = provider.read(get);
  return {
    provider: provider.name,
    ...found,
    commitSha: /^[0-9a-fA-F]{7,64}$/.test(found.commitSha ?? '')
      ? found.commitSha
      : undefined,
    repository: /^[^/\s]+\/[^/\s]+$/.test(found.repository ?? '')
      ? found.repository
      : undefined,
  };
}

function pullNumber(pattern: RegExp, value: string | undefined) {
  const match = value ? pattern.exec(value) : null;
  const number = match ? Number(match[1]) : 0;
  return number > 0 ? number : undefined;
}

/** The repository path of an https, ssh or scp-style git URL. */
function repositoryFromGitUrl(url: string | undefined) {
  if (!url) {
    return undefined;
  }
  const path = /^[\w.-]+@[\w.-]+:(.+)$/.exec(url)?.[1] ?? safePath(url);
  return path
    ?.replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .trim();
}

function safePath(url: string) {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}
