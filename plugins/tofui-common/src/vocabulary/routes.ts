/**
 * Where the frontend's views are, below the page's mount point (`/tofui`
 * in the app). The frontend's route refs and router use these, and so do
 * links built elsewhere (notifications, the CLI's report URL).
 *
 * @public
 */
export const TOFUI_ROUTE_PATHS = {
  report: '/reports/:id',
  repository: '/repos/:owner/:repo',
  folder: '/repos/:owner/:repo/:folder',
  insights: '/insights',
  changes: '/changes',
  resourceHistory: '/resources/history',
  drift: '/drift',
  settings: '/settings',
} as const;

/** The app's default mount point of the tofUI page. @public */
export const TOFUI_PAGE_PATH = '/tofui';

/**
 * The path of a report's view in the app, e.g. `/tofui/reports/<id>`.
 *
 * @public
 */
export function tofuiReportPath(id: string, pagePath = TOFUI_PAGE_PATH) {
  return `${pagePath}${TOFUI_ROUTE_PATHS.report.replace(
    ':id',
    encodeURIComponent(id),
  )}`;
}
