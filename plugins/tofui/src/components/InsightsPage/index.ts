export { InsightsPage } from './InsightsPage';
export { InsightsCharts } from './InsightsCharts';
