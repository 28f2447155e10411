import { tofuiAuditReadPermission } from '@tofui/backstage-plugin-tofui-common';
import type { TofuiStore } from '../database/TofuiStore';
import {
  requirePermission,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

const DEFAULT_LIMIT = 50;

export function addAuditRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  store: TofuiStore,
) {
  router.get('/v1/audit', async (req, res) => {
    // Users only: CI tokens have no business reading who did what.
    await requirePermission(context, req, tofuiAuditReadPermission, ['user']);
    const { entityType, entityId, actor, cursor, limit } = req.query;
    res.json(
      await store.auditLog.list({
        entityType,
        entityId,
        actor,
        cursor,
        limit: limit ?? DEFAULT_LIMIT,
      }),
    );
  });
}
