import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { RedactionReport } from '@tofui/report';

/**
 * What the second redaction layer masked that the plan did not mark
 * sensitive: counts per rule, the paths on demand. Nothing when it masked
 * nothing. Never values: the report has none.
 */
export const RedactionNotice = ({
  report,
}: {
  report: RedactionReport | undefined;
}) => {
  if (!report?.total) return null;
  const rules = Object.entries(report.rules)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  return (
    <Box mb={1} role="note" aria-label="Masked without a sensitive mark">
      <Typography variant="body2">
        {report.total} value{report.total === 1 ? '' : 's'} masked without a
        sensitive mark (they look like secrets): {rules}.
      </Typography>
      {report.paths.length > 0 && (
        <details>
          <summary>
            <Typography variant="caption" component="span">
              Where
              {report.truncated ? ` (first ${report.paths.length})` : ''}
            </Typography>
          </summary>
          <Box component="ul" m={0} pl={3}>
            {report.paths.map((p, i) => (
              <li key={i}>
                <Typography
                  variant="caption"
                  style={{ fontFamily: 'monospace' }}
                >
                  {p.path} ({p.rule})
                </Typography>
              </li>
            ))}
          </Box>
        </details>
      )}
    </Box>
  );
};
