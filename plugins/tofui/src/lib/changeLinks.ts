import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { reportRouteRef, resourceHistoryRouteRef } from '../routes';

/** The query of the report view that opens its plan at one resource. */
export const RESOURCE_PARAM = 'resource';

/** A resource of a folder, as the change index names it. */
export interface ResourceRef {
  repository: string;
  folder: string;
  address: string;
}

/**
 * Links from a change: to the report's plan opened at the resource
 * (`/tofui/reports/<id>?resource=<address>`), and to the resource's
 * timeline (`/tofui/resources/history?repository=&folder=&address=`).
 * Undefined where the app has not mounted the page.
 */
export function useChangeLinks() {
  const reportRoute = useRouteRef(reportRouteRef);
  const historyRoute = useRouteRef(resourceHistoryRouteRef);
  const reportAt = useCallback(
    (reportId: string, address?: string) =>
      reportRoute &&
      `${reportRoute({ id: reportId })}${
        address ? `?${new URLSearchParams({ [RESOURCE_PARAM]: address })}` : ''
      }`,
    [reportRoute],
  );
  const timeline = useCallback(
    ({ repository, folder, address }: ResourceRef) =>
      historyRoute &&
      `${historyRoute()}?${new URLSearchParams({
        repository,
        folder,
        address,
      })}`,
    [historyRoute],
  );
  return { reportAt, timeline };
}
