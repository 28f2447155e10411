import type { TofuiStore } from '../database/TofuiStore';
import type { RouteContext, TofuiApiRouter } from './types';

const DEFAULT_LIMIT = 50;

export function addAuditRoutes(
  router: TofuiApiRouter,
  { httpAuth }: RouteContext,
  store: TofuiStore,
) {
  router.get('/v1/audit', async (req, res) => {
    // Users only (admins, once the permission framework applies): CI tokens
    // have no business reading who did what.
    await httpAuth.credentials(req, { allow: ['user'] });
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
