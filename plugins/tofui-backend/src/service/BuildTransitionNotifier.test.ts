import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { OverallStatus, ReportType } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import { BuildTransitionNotifier } from './BuildTransitionNotifier';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const T0 = new Date('2026-02-01T00:00:00Z').getTime();

describe.each(databases.eachSupportedId())(
  'BuildTransitionNotifier on %s',
  id => {
    let knex: Knex;
    let store: KnexTofuiStore;
    let sent: NotificationSendOptions[];
    let notifier: BuildTransitionNotifier;
    let minute = 0;

    beforeAll(async () => {
      knex = await databases.init(id);
      store = await KnexTofuiStore.create(mockServices.database({ knex }));
    });
    beforeEach(async () => {
      await clearTables(knex);
      sent = [];
      notifier = new BuildTransitionNotifier(
        store,
        { send: async options => void sent.push(options) },
        mockServices.logger.mock(),
      );
      await store.mappings.replaceAll(
        [
          {
            entityRef: 'component:default/network',
            repository: 'acme/infra',
            folderPatterns: ['aws_*'],
            ownerRefs: ['group:default/team-net'],
          },
        ],
        new Date(T0),
      );
    });

    /** Publishes a run, maps its folder as a publish does, and notifies. */
    async function run(
      status: OverallStatus,
      options: { folder?: string; type?: ReportType; at?: number } = {},
    ) {
      minute += 1;
      const folder = options.folder ?? 'aws_prod';
      const at = new Date(options.at ?? T0 + minute * 60_000);
      const { report } = await store.reports.publish(
        {
          repository: 'acme/infra',
          folder,
          reportType: options.type ?? 'build',
          buildName: `run-${minute}`,
          statuses: {},
          overallStatus: status,
          metadata: {},
          createdAt: at,
        },
        at,
        'ci',
      );
      await store.mappings.mapFolder('acme/infra', folder);
      return notifier.afterPublish(report);
    }

    it('notifies the entity once when the latest build turns failing, and when it recovers', async () => {
      expect(await run('passing')).toBeUndefined();
      expect(await run('failing')).toBe('failing');
      expect(await run('failing')).toBeUndefined(); // still failing: no new one
      expect(await run('passing')).toBe('recovered');
      expect(await run('passing')).toBeUndefined();

      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: ['component:default/network'],
        },
        payload: {
          title: 'acme/infra · aws_prod: build failing',
          severity: 'high',
          scope: 'tofui:acme/infra/aws_prod:failing',
        },
      });
      expect(sent[0].payload.link).toMatch(/^\/tofui\/reports\//);
      expect(sent[1].payload).toMatchObject({
        title: 'acme/infra · aws_prod: build recovered',
        scope: 'tofui:acme/infra/aws_prod:recovered',
      });
    });

    it('ignores tests, older runs republished, and folders no entity covers', async () => {
      expect(await run('failing', { type: 'test' })).toBeUndefined();
      await run('passing');
      // A run older than the latest build does not change the folder.
      expect(await run('failing', { at: T0 - 3_600_000 })).toBeUndefined();
      expect(await run('failing', { folder: 'gcp_prod' })).toBeUndefined();
      expect(sent).toEqual([]);
    });

    it('never fails a publish when notifying fails', async () => {
      const failing = new BuildTransitionNotifier(
        store,
        {
          send: async () => {
            throw new Error('notifications backend down');
          },
        },
        mockServices.logger.mock(),
      );
      const { report } = await store.reports.publish(
        {
          repository: 'acme/infra',
          folder: 'aws_dev',
          reportType: 'build',
          buildName: 'x',
          statuses: {},
          overallStatus: 'failing',
          metadata: {},
          createdAt: new Date(T0),
        },
        new Date(T0),
        'ci',
      );
      await store.mappings.mapFolder('acme/infra', 'aws_dev');
      await expect(failing.afterPublish(report)).resolves.toBeUndefined();
    });
  },
);
