import { Route, Routes } from 'react-router-dom';
import { FolderPage } from '../FolderPage';
import { InsightsPage } from '../InsightsPage';
import { ReportPage } from '../ReportPage';
import { RepositoryPage } from '../RepositoryPage';
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
      <Route path="/insights" element={<InsightsPage />} />
      <Route path="/settings" element={<SettingsPage />} />
      <Route path="/repos/:owner/:repo" element={<RepositoryPage />} />
      <Route path="/repos/:owner/:repo/:folder" element={<FolderPage />} />
      <Route path="/reports/:id" element={<ReportPage />} />
    </Routes>
  </main>
);
