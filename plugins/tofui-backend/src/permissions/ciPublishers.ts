import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CiSettings } from '../config/ci';

/** A configured limit: CI identities with this subject may use these repositories. */
interface PublisherRule {
  subject: RegExp;
  repositories: string[];
}

// OIDC subjects as CI systems issue them:
//   GitHub Actions: repo:acme/network:ref:refs/heads/main (or :environment:…, :pull_request)
//   GitLab CI:      project_path:acme/network:ref_type:branch:ref:main
const OIDC_SUBJECT = /(?:^|:)(?:repo|project_path):([^:/]+\/[^:/]+)(?::|$)/;

/** `*` matches anything, everything else literally. */
function subjectPattern(glob: string): RegExp {
  const escaped = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Which repositories a CI identity may publish to and read. CI calls arrive
 * as Backstage external-access service principals: a static token's
 * configured subject, or `external:<subjectPrefix>:<sub>` for a JWT (matched
 * here without `external:`). `tofui.ci.publishers` limits subjects to
 * repositories; OIDC subjects that name their repository (GitHub Actions,
 * GitLab CI) are limited to it unless `tofui.ci.repositoryFromSubject` is
 * false. Other principals are not limited here.
 */
export class CiPublishers {
  static fromSettings(settings: CiSettings): CiPublishers {
    return new CiPublishers(
      settings.publishers.map(rule => ({
        subject: subjectPattern(rule.subject),
        repositories: rule.repositories.map(r => r.toLowerCase()),
      })),
      settings.repositoryFromSubject,
    );
  }

  constructor(
    private readonly rules: PublisherRule[],
    private readonly repositoryFromSubject: boolean,
  ) {}

  /** The repositories the caller is limited to; undefined when not limited. */
  repositoriesOf(credentials: BackstageCredentials): string[] | undefined {
    const principal = credentials.principal as {
      type?: string;
      subject?: string;
    };
    // Plugins call as `plugin:<id>`; everything else is external access.
    if (
      principal.type !== 'service' ||
      !principal.subject ||
      principal.subject.startsWith('plugin:')
    ) {
      return undefined;
    }
    const subject = principal.subject.replace(/^external:/, '');
    const matching = this.rules.filter(rule => rule.subject.test(subject));
    if (matching.length > 0) {
      return [...new Set(matching.flatMap(rule => rule.repositories))];
    }
    const named = this.repositoryFromSubject
      ? subject.match(OIDC_SUBJECT)?.[1]
      : undefined;
    return named ? [named.toLowerCase()] : undefined;
  }

  /** Whether the caller may publish to (or change reports of) `repository`. */
  mayWrite(credentials: BackstageCredentials, repository: string): boolean {
    const limited = this.repositoriesOf(credentials);
    return !limited || limited.includes(repository.toLowerCase());
  }
}
