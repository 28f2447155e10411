import { type CiEnvironment, detectCi } from './ciEnvironment';

const SHA = '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';

// Trimmed from what each provider really exports (secrets left out).
const cases: Array<[string, Record<string, string>, CiEnvironment]> = [
  [
    'GitHub Actions, push to a branch',
    {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_HEAD_REF: '',
      GITHUB_BASE_REF: '',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/infrastructure',
      GITHUB_RUN_ID: '9876543210',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: 'terraform',
      GITHUB_ACTOR: 'octocat',
    },
    {
      provider: 'github-actions',
      commitSha: SHA,
      branch: 'main',
      pullRequest: undefined,
      buildUrl:
        'https://github.com/acme/infrastructure/actions/runs/9876543210',
      actor: 'octocat',
      repository: 'acme/infrastructure',
      buildName: 'terraform #42',
    },
  ],
  [
    'GitHub Actions, pull request, second attempt',
    {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/pull/17/merge',
      GITHUB_REF_NAME: '17/merge',
      GITHUB_HEAD_REF: 'feature/vpc',
      GITHUB_BASE_REF: 'main',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'acme/infrastructure',
      GITHUB_RUN_ID: '9876543211',
      GITHUB_RUN_NUMBER: '43',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_WORKFLOW: 'plan',
      GITHUB_ACTOR: 'dependabot[bot]',
    },
    {
      provider: 'github-actions',
      commitSha: SHA,
      branch: 'feature/vpc',
      pullRequest: 17,
      buildUrl:
        'https://github.example.com/acme/infrastructure/actions/runs/9876543211/attempts/2',
      actor: 'dependabot[bot]',
      repository: 'acme/infrastructure',
      buildName: 'plan #43',
    },
  ],
  [
    'GitHub Actions, tag push',
    {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/tags/v1.2.0',
      GITHUB_REF_NAME: 'v1.2.0',
      GITHUB_REF_TYPE: 'tag',
      GITHUB_REPOSITORY: 'acme/infrastructure',
      GITHUB_RUN_ID: '1',
    },
    {
      provider: 'github-actions',
      commitSha: SHA,
      branch: undefined,
      pullRequest: undefined,
      buildUrl: undefined,
      actor: undefined,
      repository: 'acme/infrastructure',
      buildName: '1',
    },
  ],
  [
    'GitLab CI, merge request pipeline',
    {
      CI: 'true',
      GITLAB_CI: 'true',
      CI_COMMIT_SHA: SHA,
      CI_COMMIT_REF_NAME: 'feature/vpc',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature/vpc',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_IID: '8',
      CI_PIPELINE_ID: '1200345',
      CI_PIPELINE_IID: '311',
      CI_PIPELINE_URL:
        'https://gitlab.com/acme/infrastructure/-/pipelines/1200345',
      CI_JOB_URL: 'https://gitlab.com/acme/infrastructure/-/jobs/5550001',
      CI_PROJECT_PATH: 'acme/infrastructure',
      GITLAB_USER_LOGIN: 'jdoe',
    },
    {
      provider: 'gitlab-ci',
      commitSha: SHA,
      branch: 'feature/vpc',
      pullRequest: 8,
      buildUrl: 'https://gitlab.com/acme/infrastructure/-/jobs/5550001',
      actor: 'jdoe',
      repository: 'acme/infrastructure',
      buildName: 'pipeline #311',
    },
  ],
  [
    'GitLab CI, tag pipeline in a nested group',
    {
      GITLAB_CI: 'true',
      CI_COMMIT_SHA: SHA,
      CI_COMMIT_REF_NAME: 'v2.0.0',
      CI_COMMIT_TAG: 'v2.0.0',
      CI_PIPELINE_ID: '1200346',
      CI_PIPELINE_NAME: 'release',
      CI_PIPELINE_URL:
        'https://gitlab.com/acme/platform/infra/-/pipelines/1200346',
      CI_PROJECT_PATH: 'acme/platform/infra',
      GITLAB_USER_LOGIN: 'jdoe',
    },
    {
      provider: 'gitlab-ci',
      commitSha: SHA,
      branch: undefined,
      pullRequest: undefined,
      buildUrl: 'https://gitlab.com/acme/platform/infra/-/pipelines/1200346',
      actor: 'jdoe',
      repository: undefined,
      buildName: 'release #1200346',
    },
  ],
  [
    'Jenkins multibranch, pull request build',
    {
      JENKINS_URL: 'https://jenkins.example.com/',
      JENKINS_HOME: '/var/jenkins_home',
      JOB_NAME: 'infrastructure/PR-23',
      BUILD_NUMBER: '5',
      BUILD_URL: 'https://jenkins.example.com/job/infrastructure/job/PR-23/5/',
      BRANCH_NAME: 'PR-23',
      CHANGE_ID: '23',
      CHANGE_BRANCH: 'feature/dns',
      CHANGE_TARGET: 'main',
      CHANGE_AUTHOR: 'jdoe',
      GIT_COMMIT: SHA,
      GIT_URL: 'https://github.com/acme/infrastructure.git',
    },
    {
      provider: 'jenkins',
      commitSha: SHA,
      branch: 'feature/dns',
      pullRequest: 23,
      buildUrl: 'https://jenkins.example.com/job/infrastructure/job/PR-23/5/',
      actor: 'jdoe',
      repository: 'acme/infrastructure',
      buildName: 'infrastructure/PR-23 #5',
    },
  ],
  [
    'Jenkins freestyle job with the git and build-user-vars plugins',
    {
      JENKINS_URL: 'https://jenkins.example.com/',
      JOB_NAME: 'deploy-infra',
      BUILD_NUMBER: '118',
      BUILD_URL: 'https://jenkins.example.com/job/deploy-infra/118/',
      BUILD_USER_ID: 'alice',
      GIT_COMMIT: SHA,
      GIT_BRANCH: 'origin/main',
      GIT_URL: 'git@github.com:acme/infrastructure.git',
    },
    {
      provider: 'jenkins',
      commitSha: SHA,
      branch: 'main',
      pullRequest: undefined,
      buildUrl: 'https://jenkins.example.com/job/deploy-infra/118/',
      actor: 'alice',
      repository: 'acme/infrastructure',
      buildName: 'deploy-infra #118',
    },
  ],
  [
    'AWS CodeBuild, GitHub pull request webhook',
    {
      CODEBUILD_BUILD_ID: 'infra-plan:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      CODEBUILD_BUILD_NUMBER: '77',
      CODEBUILD_BUILD_URL:
        'https://us-east-1.console.aws.amazon.com/codebuild/home?region=us-east-1#/builds/infra-plan:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/view/new',
      CODEBUILD_RESOLVED_SOURCE_VERSION: SHA,
      CODEBUILD_SOURCE_VERSION: 'pr/12',
      CODEBUILD_SOURCE_REPO_URL: 'https://github.com/acme/infrastructure.git',
      CODEBUILD_WEBHOOK_TRIGGER: 'pr/12',
      CODEBUILD_WEBHOOK_HEAD_REF: 'refs/heads/feature/iam',
      CODEBUILD_WEBHOOK_BASE_REF: 'refs/heads/main',
      CODEBUILD_WEBHOOK_EVENT: 'PULL_REQUEST_UPDATED',
      CODEBUILD_WEBHOOK_ACTOR_ACCOUNT_ID: '583231',
      CODEBUILD_INITIATOR: 'GitHub-Hookshot/abc123',
    },
    {
      provider: 'codebuild',
      commitSha: SHA,
      branch: 'feature/iam',
      pullRequest: 12,
      buildUrl:
        'https://us-east-1.console.aws.amazon.com/codebuild/home?region=us-east-1#/builds/infra-plan:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/view/new',
      actor: '583231',
      repository: 'acme/infrastructure',
      buildName: 'infra-plan #77',
    },
  ],
  [
    'AWS CodeBuild, started by CodePipeline from an S3 source',
    {
      CODEBUILD_BUILD_ID: 'infra-apply:1a2b3c4d-0000-1111-2222-333344445555',
      CODEBUILD_RESOLVED_SOURCE_VERSION: 'W1qPm3mVJq0l3X8mKxU.KdF7J8g_2YbC',
      CODEBUILD_SOURCE_VERSION:
        'arn:aws:s3:::pipeline-artifacts/infra/SourceArti/AbCdEf',
      CODEBUILD_INITIATOR: 'codepipeline/infra-pipeline',
      CODEBUILD_SOURCE_REPO_URL:
        'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/infra',
    },
    {
      provider: 'codebuild',
      commitSha: undefined,
      branch: undefined,
      pullRequest: undefined,
      buildUrl: undefined,
      actor: 'codepipeline/infra-pipeline',
      repository: undefined,
      buildName: 'infra-apply:1a2b3c4d-0000-1111-2222-333344445555',
    },
  ],
];

describe('detectCi', () => {
  it.each(cases)('%s', (_name, env, expected) => {
    expect(detectCi(env)).toEqual(expected);
  });

  it('detects nothing outside CI, or on a CI it does not know', () => {
    expect(detectCi({})).toEqual({});
    expect(
      detectCi({ CI: 'true', CIRCLECI: 'true', CIRCLE_SHA1: SHA }),
    ).toEqual({});
  });

  it('prefers the explicit CI flags over a stray JENKINS_URL', () => {
    expect(
      detectCi({
        JENKINS_URL: 'https://jenkins.example.com/',
        GITLAB_CI: 'true',
        CI_COMMIT_SHA: SHA,
      }).provider,
    ).toBe('gitlab-ci');
  });
});
