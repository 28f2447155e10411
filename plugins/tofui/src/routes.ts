import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** One report: `/tofui/reports/:id`. */
export const reportRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/reports/:id',
});
