import { makeStyles } from '@material-ui/core/styles';
import type { Report, StatusType } from '@tofui/backstage-plugin-tofui-common';
import { safeHttpUrl } from '../../lib/safeUrl';
import { RelativeTime } from '../RelativeTime';
import { RowLink } from '../RowLink';
import { StatusChips } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  name: { ...theme.typography.body2 },
  time: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
  },
  external: {
    color:
      (theme.palette as { link?: string }).link ?? theme.palette.primary.main,
  },
  chips: { display: 'flex', flexWrap: 'wrap' },
  none: { ...theme.typography.body2, color: theme.palette.text.secondary },
}));

/**
 * A folder's latest build or test: name (linked), status chips, time. Plain
 * elements with shared classes: a page draws two per row. `reportRoute` is
 * the report view's route (`useRouteRef(reportRouteRef)`), resolved once by
 * the caller: resolving it matches the app's whole route tree, and a page
 * has a hundred cells.
 */
export const ReportCell = ({
  report,
  statusTypes,
  reportRoute,
}: {
  report?: Report;
  statusTypes: ReadonlyArray<StatusType>;
  reportRoute?: (params: { id: string }) => string;
}) => {
  const classes = useStyles();
  if (!report) {
    return <div className={classes.none}>—</div>;
  }
  const name = report.displayName ?? report.buildName;
  // Reports open in tofUI's report view; an external HTML report or CI run
  // link (http(s) only) is the fallback where the view is not mounted.
  const inApp = reportRoute?.({ id: report.id });
  const external = safeHttpUrl(report.htmlUrl) ?? safeHttpUrl(report.buildUrl);
  return (
    <div>
      <div className={classes.name}>
        {inApp && <RowLink to={inApp}>{name}</RowLink>}
        {!inApp && external && (
          <a
            className={classes.external}
            href={external}
            target="_blank"
            rel="noopener noreferrer"
          >
            {name}
          </a>
        )}
        {!inApp && !external && name}{' '}
        <span className={classes.time}>
          <RelativeTime iso={report.createdAt} />
        </span>
      </div>
      <div className={classes.chips}>
        <StatusChips statuses={report.statuses} statusTypes={statusTypes} />
      </div>
    </div>
  );
};
