import { Route, Routes } from 'react-router-dom';
import { ReportPage } from '../ReportPage';
import { TofuiPage } from '../TofuiPage';

/** The routes under /tofui: the dashboard and one report's view. */
export const TofuiRouter = () => (
  <Routes>
    <Route path="/" element={<TofuiPage />} />
    <Route path="/reports/:id" element={<ReportPage />} />
  </Routes>
);
