import type { Config } from '@backstage/config';

/** The repositories CI identities may use (`tofui.ci`). */
export interface CiSettings {
  /** By subject glob (`*` matches anything), the `owner/name` repositories. */
  publishers: Array<{ subject: string; repositories: string[] }>;
  /** Limit OIDC subjects that name a repository to it. */
  repositoryFromSubject: boolean;
}

export function readCiSettings(config: Config): CiSettings {
  const ci = config.getOptionalConfig('tofui.ci');
  return {
    publishers: (ci?.getOptionalConfigArray('publishers') ?? []).map(rule => ({
      subject: rule.getString('subject'),
      repositories: rule.getStringArray('repositories'),
    })),
    repositoryFromSubject:
      ci?.getOptionalBoolean('repositoryFromSubject') ?? true,
  };
}
