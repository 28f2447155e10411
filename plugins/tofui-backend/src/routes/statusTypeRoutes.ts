import { tofuiStatusTypesManagePermission } from '@tofui/backstage-plugin-tofui-common';
import { audited } from '../service/audited';
import type { StatusTypeService } from '../service/StatusTypeService';
import {
  requireActor,
  requireCredentials,
  type RouteContext,
  type TofuiApiRouter,
} from './types';

export function addStatusTypeRoutes(
  router: TofuiApiRouter,
  context: RouteContext,
  statusTypes: StatusTypeService,
) {
  const { httpAuth, auditor } = context;
  router.get('/v1/status-types', async (req, res) => {
    await requireCredentials(httpAuth, req);
    res.json({ items: await statusTypes.list() });
  });

  router.put('/v1/status-types/:key', async (req, res) => {
    const actor = await requireActor(
      context,
      req,
      tofuiStatusTypesManagePermission,
    );
    const { statusType, created } = await audited(
      auditor,
      {
        eventId: 'status-type-put',
        request: req,
        meta: { key: req.params.key },
      },
      () => statusTypes.put(req.params.key, req.body, actor),
    );
    res.status(created ? 201 : 200).json(statusType);
  });
}
