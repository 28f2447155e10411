export {
  LOCAL_SUMMARY_FILTERS,
  matchesSummaryQuery,
} from './matchesSummaryQuery';
