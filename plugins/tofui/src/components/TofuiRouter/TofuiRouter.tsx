import { Progress } from '@backstage/core-components';
import { TOFUI_ROUTE_PATHS } from '@tofui/backstage-plugin-tofui-common';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ReportPage } from '../ReportPage/ReportPage';
import { TofuiPage } from '../TofuiPage';

// Every view but the dashboard and the report page is its own chunk, loaded
// when opened: the dashboard's first screen does not wait for the charts
// (recharts, d3), the plan explorer, the log viewer or the date library the
// others use. The report page is small and stays: it asks for the report
// at once and loads its plan explorer meanwhile (no chunk before the fetch).
const InsightsPage = lazy(() =>
  import('../InsightsPage/InsightsPage').then(m => ({
    default: m.InsightsPage,
  })),
);
const ChangesPage = lazy(() =>
  import('../ChangesPage').then(m => ({ default: m.ChangesPage })),
);
const ResourceTimeline = lazy(() =>
  import('../ResourceTimeline').then(m => ({ default: m.ResourceTimeline })),
);
const DriftPage = lazy(() =>
  import('../DriftPage/DriftPage').then(m => ({ default: m.DriftPage })),
);
const SettingsPage = lazy(() =>
  import('../SettingsPage').then(m => ({ default: m.SettingsPage })),
);
const RepositoryPage = lazy(() =>
  import('../RepositoryPage').then(m => ({ default: m.RepositoryPage })),
);
const FolderPage = lazy(() =>
  import('../FolderPage').then(m => ({ default: m.FolderPage })),
);

/**
 * The routes under /tofui, in the page's `main` landmark (the app layout
 * has none around plugin pages).
 */
export const TofuiRouter = () => (
  <main>
    <Suspense fallback={<Progress />}>
      <Routes>
        <Route path="/" element={<TofuiPage />} />
        <Route path={TOFUI_ROUTE_PATHS.insights} element={<InsightsPage />} />
        <Route path={TOFUI_ROUTE_PATHS.changes} element={<ChangesPage />} />
        <Route
          path={TOFUI_ROUTE_PATHS.resourceHistory}
          element={<ResourceTimeline />}
        />
        <Route path={TOFUI_ROUTE_PATHS.drift} element={<DriftPage />} />
        <Route path={TOFUI_ROUTE_PATHS.settings} element={<SettingsPage />} />
        <Route
          path={TOFUI_ROUTE_PATHS.repository}
          element={<RepositoryPage />}
        />
        <Route path={TOFUI_ROUTE_PATHS.folder} element={<FolderPage />} />
        <Route path={TOFUI_ROUTE_PATHS.report} element={<ReportPage />} />
      </Routes>
    </Suspense>
  </main>
);
