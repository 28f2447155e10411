import type { ChangeService } from '../service/ChangeService';
import {
  requireReadAccess,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

/**
 * The change index: changes, a resource's history, plan compares, drift
 * and pending plans, each cut to the reports the caller may read, in SQL,
 * as the report lists are.
 */
export function addChangeRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  changes: ChangeService,
) {
  router.get('/v1/changes', async (req, res) => {
    const { credentials, access } = await requireReadAccess(context, req);
    res.json(await changes.search(req.query, credentials, access));
  });

  router.get('/v1/resources/history', async (req, res) => {
    const { access } = await requireReadAccess(context, req);
    res.json(await changes.history(req.query, access));
  });

  router.get('/v1/reports/:id/compare', async (req, res) => {
    const { access } = await requireReadAccess(context, req);
    res.json(await changes.compare(req.params.id, req.query.base, access));
  });

  router.get('/v1/drift', async (req, res) => {
    const { credentials, access } = await requireReadAccess(context, req);
    res.json(await changes.drift(req.query, credentials, access));
  });

  router.get('/v1/pending', async (req, res) => {
    const { credentials, access } = await requireReadAccess(context, req);
    res.json(await changes.pending(req.query, credentials, access));
  });
}
