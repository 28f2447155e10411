import { useTheme } from '@material-ui/core/styles';

/** Chart colours from the Backstage theme, so charts follow light and dark. */
export function useChartColors() {
  const theme = useTheme();
  return {
    build: theme.palette.primary.main,
    test: theme.palette.info?.main ?? theme.palette.secondary.main,
    passing: theme.palette.success?.main ?? '#2e7d32',
    failing: theme.palette.error.main,
    warning: theme.palette.warning?.main ?? '#ed6c02',
    text: theme.palette.text.secondary,
    grid: theme.palette.divider,
    tooltip: {
      background: theme.palette.background.paper,
      border: `1px solid ${theme.palette.divider}`,
      color: theme.palette.text.primary,
    },
  };
}
