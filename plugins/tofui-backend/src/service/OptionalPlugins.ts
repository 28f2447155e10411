import type {
  LoggerService,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';

/**
 * The Backstage plugins tofUI works better with but does not need, and
 * what an installation without each one goes without.
 */
const OPTIONAL_PLUGINS = {
  signals:
    'open tofUI pages do not update by themselves when CI publishes (reload them to see new reports)',
  notifications:
    'owners are not notified when a folder turns failing or recovers',
  events:
    'catalog changes to tofui.io annotations reach only this backend instance at once; others map them at their scheduled sync (tofui.catalogSync)',
} as const;

/** An optional plugin tofUI looks for. */
export type OptionalPluginId = keyof typeof OPTIONAL_PLUGINS;

/**
 * Which optional plugins this backend instance runs. tofUI turns off what
 * needs a missing one, saying so in one line at start-up, rather than
 * failing requests later (a notification sent to a notifications backend
 * that is not there fails every time).
 */
export class OptionalPlugins {
  static async detect(
    metadata: RootInstanceMetadataService,
    logger: LoggerService,
  ): Promise<OptionalPlugins> {
    const installed = new Set(
      (await metadata.getInstalledPlugins()).map(p => p.pluginId),
    );
    for (const [pluginId, without] of Object.entries(OPTIONAL_PLUGINS)) {
      if (!installed.has(pluginId)) {
        logger.info(
          `The ${pluginId} plugin is not installed in this backend: ${without}`,
        );
      }
    }
    return new OptionalPlugins(installed);
  }

  private constructor(private readonly installed: ReadonlySet<string>) {}

  has(pluginId: OptionalPluginId): boolean {
    return this.installed.has(pluginId);
  }
}
