import { TOFUI_ROUTE_PATHS } from '@tofui/backstage-plugin-tofui-common';
import { Route, Routes } from 'react-router-dom';
import { ChangesPage } from '../ChangesPage';
import { DriftPage } from '../DriftPage';
import { FolderPage } from '../FolderPage';
import { InsightsPage } from '../InsightsPage';
import { ReportPage } from '../ReportPage';
import { RepositoryPage } from '../RepositoryPage';
import { ResourceTimeline } from '../ResourceTimeline';
import { SettingsPage } from '../SettingsPage';
import { TofuiPage } from '../TofuiPage';

/**
 * The routes under /tofui, in the page's `main` landmark (the app layout
 * has none around plugin pages).
 */
export const TofuiRouter = () => (
  <main>
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
      <Route path={TOFUI_ROUTE_PATHS.repository} element={<RepositoryPage />} />
      <Route path={TOFUI_ROUTE_PATHS.folder} element={<FolderPage />} />
      <Route path={TOFUI_ROUTE_PATHS.report} element={<ReportPage />} />
    </Routes>
  </main>
);
