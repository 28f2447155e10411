import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Report, StatusType } from '@tofui/backstage-plugin-tofui-common';
import type { ReactNode } from 'react';
import { safeHttpUrl } from '../../lib/safeUrl';
import { RelativeTime } from '../RelativeTime';
import { StatusChip } from '../StatusChip';
import { VerdictBadge } from '../VerdictBadge';

const SUMMARY_LABELS: Array<[string, string]> = [
  ['add', 'to add'],
  ['change', 'to change'],
  ['destroy', 'to destroy'],
  ['replace', 'to replace'],
  ['import', 'to import'],
  ['move', 'moved'],
  ['forget', 'to forget'],
  ['read', 'to read'],
  ['output_changes', 'output changes'],
  ['drift', 'drifted'],
  ['deferred', 'deferred'],
];

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
  const summary = report.summary as
    | Record<string, number | boolean>
    | undefined;
  const counts = SUMMARY_LABELS.filter(([key]) => Number(summary?.[key]) > 0);
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
        {Object.entries(report.statuses).map(([typeKey, code]) => (
          <StatusChip
            key={typeKey}
            typeKey={typeKey}
            code={code}
            statusTypes={statusTypes}
          />
        ))}
      </Box>
      {summary && (
        <Typography variant="body2" component="div" style={{ marginTop: 8 }}>
          {summary.errored
            ? 'Planning failed.'
            : counts
                .map(([key, label]) => `${summary[key]} ${label}`)
                .join(' · ') || 'No changes.'}
        </Typography>
      )}
    </InfoCard>
  );
};
