import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  describePlanSummary,
  type Report,
  type StatusType,
} from '@tofui/backstage-plugin-tofui-common';
import type { ReactNode } from 'react';
import { safeHttpUrl } from '../../lib/safeUrl';
import { RelativeTime } from '../RelativeTime';
import { StatusChips } from '../StatusChip';
import { VerdictBadge } from '../VerdictBadge';

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box mr={4} mb={1}>
    <Typography variant="caption" color="textSecondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2" component="div">
      {children}
    </Typography>
  </Box>
);

/** Who, what, where and when of a report, its statuses and plan counts. */
export const ReportMetadata = ({
  report,
  statusTypes,
}: {
  report: Report;
  statusTypes: ReadonlyArray<StatusType>;
}) => {
  const { metadata } = report;
  const buildUrl = safeHttpUrl(report.buildUrl);
  return (
    <InfoCard
      title={report.displayName ?? report.buildName}
      subheader={<VerdictBadge status={report.overallStatus} />}
    >
      <Box display="flex" flexWrap="wrap">
        <Fact label="Repository">{report.repository}</Fact>
        <Fact label="Folder">{report.folder}</Fact>
        <Fact label="Type">{report.reportType}</Fact>
        <Fact label="Build">{report.buildName}</Fact>
        <Fact label="Run time">
          <RelativeTime iso={report.createdAt} />
        </Fact>
        {metadata.actor && <Fact label="Actor">{metadata.actor}</Fact>}
        {metadata.commitSha && (
          <Fact label="Commit">{metadata.commitSha.slice(0, 12)}</Fact>
        )}
        {metadata.branch && <Fact label="Branch">{metadata.branch}</Fact>}
        {metadata.pullRequest && (
          <Fact label="Pull request">{String(metadata.pullRequest)}</Fact>
        )}
        {(metadata.toolName || metadata.toolVersion) && (
          <Fact label="Tool">
            {[metadata.toolName, metadata.toolVersion]
              .filter(Boolean)
              .join(' ')}
          </Fact>
        )}
        {buildUrl && (
          <Fact label="CI run">
            <Link to={buildUrl}>Open</Link>
          </Fact>
        )}
      </Box>
      <Box display="flex" flexWrap="wrap" mt={1}>
        <StatusChips statuses={report.statuses} statusTypes={statusTypes} />
      </Box>
      {report.summary && (
        <Typography variant="body2" component="div" style={{ marginTop: 8 }}>
          {describePlanSummary(report.summary)}
        </Typography>
      )}
    </InfoCard>
  );
};
