import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Report, StatusType } from '@internal/plugin-tofui-common';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { safeHttpUrl } from '../../lib/safeUrl';
import { reportRouteRef } from '../../routes';
import { RelativeTime } from '../RelativeTime';
import { StatusChip } from '../StatusChip';

/** A folder's latest build or test: name (linked), status chips, time. */
export const ReportCell = ({
  report,
  statusTypes,
}: {
  report?: Report;
  statusTypes: ReadonlyArray<StatusType>;
}) => {
  const reportRoute = useRouteRef(reportRouteRef);
  if (!report) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  const name = report.displayName ?? report.buildName;
  // Reports open in tofUI's report view; an external HTML report or CI run
  // link (http(s) only) is the fallback where the view is not mounted.
  const href =
    reportRoute?.({ id: report.id }) ??
    safeHttpUrl(report.htmlUrl) ??
    safeHttpUrl(report.buildUrl);
  return (
    <Box>
      <Typography variant="body2" component="div">
        {href ? <Link to={href}>{name}</Link> : name}{' '}
        <Typography variant="caption" color="textSecondary" component="span">
          <RelativeTime iso={report.createdAt} />
        </Typography>
      </Typography>
      <Box display="flex" flexWrap="wrap">
        {Object.entries(report.statuses).map(([typeKey, code]) => (
          <StatusChip
            key={typeKey}
            typeKey={typeKey}
            code={code}
            statusTypes={statusTypes}
          />
        ))}
      </Box>
    </Box>
  );
};
