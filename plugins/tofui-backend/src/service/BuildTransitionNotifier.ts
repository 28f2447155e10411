import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  type Report,
  tofuiReportPath,
} from '@tofui/backstage-plugin-tofui-common';
import type { TofuiStore } from '../database/TofuiStore';

type Transition = 'failing' | 'recovered';

const isFailing = (report: Report | undefined) =>
  report?.overallStatus === 'failing';

/**
 * Tells the owners of the entities covering a folder when its latest build
 * turns failing or recovers, as a Backstage notification. One notification
 * per folder and transition (its scope): a folder that keeps failing
 * re-surfaces the same notification instead of piling up new ones.
 */
export class BuildTransitionNotifier {
  constructor(
    private readonly store: TofuiStore,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** Called after every publish; never throws (a publish must not fail for this). */
  async afterPublish(report: Report): Promise<Transition | undefined> {
    try {
      return await this.notify(report);
    } catch (error) {
      this.logger.warn(
        `tofUI could not notify about ${report.repository}/${report.folder}: ${error}`,
      );
      return undefined;
    }
  }

  private async notify(report: Report): Promise<Transition | undefined> {
    if (report.reportType !== 'build') {
      return undefined;
    }
    const { items } = await this.store.reports.list({
      repository: report.repository,
      folder: report.folder,
      reportType: 'build',
      limit: 2,
    });
    const [latest, previous] = items;
    // A republished older run does not change the folder's state.
    if (latest?.id !== report.id) {
      return undefined;
    }
    let transition: Transition | undefined;
    if (isFailing(latest) && !isFailing(previous)) {
      transition = 'failing';
    } else if (isFailing(previous) && latest.overallStatus === 'passing') {
      transition = 'recovered';
    }
    if (!transition) {
      return undefined;
    }
    const [coverage] = await this.store.mappings.coverageOfReports([report.id]);
    if (!coverage || coverage.entityRefs.length === 0) {
      return undefined; // no catalog entity, nobody to tell
    }
    const where = `${report.repository} · ${report.folder}`;
    const run = report.displayName ?? report.buildName;
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: coverage.entityRefs },
      payload: {
        title:
          transition === 'failing'
            ? `${where}: build failing`
            : `${where}: build recovered`,
        description:
          transition === 'failing'
            ? `The latest build (${run}) failed.`
            : `The latest build (${run}) passes again.`,
        link: tofuiReportPath(report.id),
        severity: transition === 'failing' ? 'high' : 'normal',
        topic: 'tofUI',
        scope: `tofui:${report.repository.toLowerCase()}/${
          report.folder
        }:${transition}`,
      },
    });
    return transition;
  }
}
