import { useRouteRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Box from '@material-ui/core/Box';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import {
  changesRouteRef,
  driftRouteRef,
  insightsRouteRef,
  rootRouteRef,
  settingsRouteRef,
} from '../../routes';

/** Links between tofUI's views: folders, changes, drift, insights, settings. */
export const TofuiNav = () => {
  const root = useRouteRef(rootRouteRef);
  const changes = useRouteRef(changesRouteRef);
  const drift = useRouteRef(driftRouteRef);
  const insights = useRouteRef(insightsRouteRef);
  const settings = useRouteRef(settingsRouteRef);
  const { pathname } = useLocation();
  const links = [
    { label: 'Folders', to: root?.() },
    { label: 'Changes', to: changes?.() },
    { label: 'Drift', to: drift?.() },
    { label: 'Insights', to: insights?.() },
    { label: 'Settings', to: settings?.() },
  ].filter((l): l is { label: string; to: string } => !!l.to);
  return (
    <Box component="nav" aria-label="tofUI views" display="flex">
      {links.map(link => (
        <Button
          key={link.label}
          component={RouterLink}
          to={link.to}
          size="small"
          color={pathname === link.to ? 'primary' : 'default'}
          aria-current={pathname === link.to ? 'page' : undefined}
        >
          {link.label}
        </Button>
      ))}
    </Box>
  );
};
