import { ResponseError } from '@backstage/errors';
import type {
  Report,
  RepositoryDetail,
  TofuiClient,
} from '@tofui/backstage-plugin-tofui-common';
import type { Outcome, Tally } from './tally';

/** A repository (no folder) or a folder the migration brings over. */
interface Place {
  repository: string;
  folder?: string;
  /** tofUI had it before the run. */
  before: boolean;
  /** The run created it (or, in a dry run, would have). */
  created: boolean;
  /** Set when the outcome is not read from before/created. */
  outcome?: Outcome;
  /** Why it could not be created, when it was not. */
  reason?: string;
}

const PAGE = 500;

/**
 * What tofUI held before the run — repositories, their folders, a folder's
 * reports — read through the API, and what the run added. It tells which
 * reports are already there (so a second run, or one resuming an
 * interrupted run, skips them) and counts repositories and folders.
 */
export class Inventory {
  private readonly repositories = new Map<string, RepositoryDetail | null>();
  private readonly places = new Map<string, Place>();
  private readonly reports = new Map<string, Map<string, Report>>();

  constructor(private readonly client: TofuiClient) {}

  /** Looks the repositories up; call before anything is written. */
  async load(names: Iterable<string>): Promise<void> {
    for (const name of names) {
      const key = name.toLowerCase();
      if (!this.repositories.has(key)) {
        this.repositories.set(key, await this.find(name));
      }
    }
  }

  /** The repository as it was before the run (load it first). */
  repository(name: string): RepositoryDetail | undefined {
    return this.repositories.get(name.toLowerCase()) ?? undefined;
  }

  /** The repository, or one of its folders, is part of the migration. */
  want(repository: string, folder?: string): void {
    const key = placeKey(repository, folder);
    if (this.places.has(key)) {
      return;
    }
    const before = this.repository(repository);
    this.places.set(key, {
      repository,
      folder,
      before:
        folder === undefined
          ? Boolean(before)
          : Boolean(before?.folders.some(f => f.name === folder)),
      created: false,
    });
  }

  /** The run created the folder (and so its repository). */
  created(repository: string, folder?: string): void {
    for (const key of [placeKey(repository), placeKey(repository, folder)]) {
      const place = this.places.get(key);
      if (place) {
        place.created = true;
      }
    }
  }

  /** Why the folder (or repository) may end up missing. */
  blocked(repository: string, folder: string | undefined, reason: string) {
    const place = this.places.get(placeKey(repository, folder));
    if (place) {
      place.reason ??= reason;
    }
  }

  /** The repository's outcome is known (its registration says it). */
  decide(repository: string, outcome: Outcome): void {
    this.places.get(placeKey(repository))!.outcome = outcome;
  }

  /**
   * Counts repositories and folders: skipped when tofUI had them, imported
   * when the run created them, failed otherwise, with the reason.
   */
  settle(tally: Tally): void {
    for (const place of this.places.values()) {
      const category = place.folder === undefined ? 'repositories' : 'folders';
      const item =
        place.folder === undefined
          ? place.repository
          : `${place.repository} ${place.folder}`;
      if (place.outcome) {
        // failures of decided places were recorded with their reason
        if (place.outcome !== 'failed') {
          tally.add(category, place.outcome);
        }
      } else if (place.before) {
        tally.add(category, 'skipped');
      } else if (place.created) {
        tally.add(category, 'imported');
      } else {
        tally.fail(category, item, place.reason ?? 'not created');
      }
    }
  }

  /** The report of this build in tofUI, if there is one. */
  async existingReport(
    repository: string,
    folder: string,
    type: string,
    buildName: string,
  ): Promise<Report | undefined> {
    return (await this.folderReports(repository, folder)).get(
      reportKey(type, buildName),
    );
  }

  /** A report the run just stored. */
  stored(report: Report): void {
    this.reports
      .get(placeKey(report.repository, report.folder))
      ?.set(reportKey(report.reportType, report.buildName), report);
  }

  private async folderReports(repository: string, folder: string) {
    const key = placeKey(repository, folder);
    let reports = this.reports.get(key);
    if (!reports) {
      const items = await listAll(cursor =>
        this.client.listReports({
          repository,
          folder,
          limit: PAGE,
          ...(cursor && { cursor }),
        }),
      );
      reports = new Map(
        items.map(r => [reportKey(r.reportType, r.buildName), r]),
      );
      this.reports.set(key, reports);
    }
    return reports;
  }

  private async find(name: string): Promise<RepositoryDetail | null> {
    const items = await listAll(cursor =>
      this.client.listRepositories({
        q: name,
        limit: PAGE,
        ...(cursor && { cursor }),
      }),
    );
    const match = items.find(
      r => r.repository.toLowerCase() === name.toLowerCase(),
    );
    return match ? this.client.getRepository(match.id) : null;
  }
}

// repositories compare case-insensitively, as tofUI compares them
function placeKey(repository: string, folder?: string) {
  return `${repository.toLowerCase()}\n${folder ?? ''}`;
}

function reportKey(type: string, buildName: string) {
  return `${type}\n${buildName}`;
}

/**
 * Every item of a paged list. What does not exist (yet) lists nothing —
 * also a name tofUI cannot hold (400): publishing that report fails later,
 * saying why.
 */
async function listAll<T>(
  list: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    let page;
    try {
      page = await list(cursor);
    } catch (error) {
      if (
        error instanceof ResponseError &&
        (error.statusCode === 404 || error.statusCode === 400)
      ) {
        return items;
      }
      throw error;
    }
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
