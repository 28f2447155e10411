import {
  Content,
  ContentHeader,
  SupportButton,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { usePageQuery } from '../../hooks/usePageQuery';
import { OwnerPicker } from '../DashboardFilters';
import { TofuiNav } from '../TofuiNav';
import { InsightsCharts } from './InsightsCharts';

const WINDOWS = [7, 30, 90, 365];

/** Insights: runs per day, pass rate, most failing folders, active repositories. */
export const InsightsPage = () => {
  const { params, setParam: set } = usePageQuery();
  const days = WINDOWS.includes(Number(params.get('days')))
    ? Number(params.get('days'))
    : 30;
  const owner = params.get('owner') ?? undefined;
  return (
    <Content>
      <ContentHeader title="Insights">
        <TofuiNav />
        <SupportButton>
          Aggregates over every run in the window, computed by the backend.
        </SupportButton>
      </ContentHeader>
      <Box mb={2}>
        <Grid container spacing={2}>
          <Grid item xs={6} md={2}>
            <TextField
              id="tofui-insights-window"
              select
              label="Window"
              variant="outlined"
              size="small"
              fullWidth
              value={days}
              onChange={e => set('days', String(e.target.value))}
            >
              {WINDOWS.map(d => (
                <MenuItem key={d} value={d}>
                  Last {d} days
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={6} md={3}>
            <OwnerPicker value={owner} onChange={v => set('owner', v)} />
          </Grid>
        </Grid>
      </Box>
      <InsightsCharts days={days} owner={owner} />
    </Content>
  );
};
