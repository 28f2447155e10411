import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import {
  type LogDiagnostic,
  type LogReport as ParsedLog,
  parseTerraformLog,
} from '@tofui/report';
import { useMemo } from 'react';

/** Props of {@link LogReport}. @public */
export interface LogReportProps {
  /** The run's console log, as stored (masked by the backend). */
  log: string;
}

const OUTCOME: Record<ParsedLog['outcome'], string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  'no-changes': 'No changes',
  unknown: 'Finished',
};

function where(d: LogDiagnostic): string | undefined {
  if (!d.file) return d.address;
  const at = d.line ? `${d.file} line ${d.line}` : d.file;
  return d.block ? `${at}, in ${d.block}` : at;
}

function seconds(value?: number): string {
  if (value === undefined) return '—';
  return value < 60
    ? `${value}s`
    : `${Math.floor(value / 60)}m${value % 60 ? `${value % 60}s` : ''}`;
}

const Diagnostics = ({ items }: { items: LogDiagnostic[] }) => (
  <>
    {items.map((d, i) => (
      <Box key={i} mb={1}>
        <Alert severity={d.severity}>
          <Typography variant="subtitle2" component="div">
            {d.summary}
          </Typography>
          {where(d) && (
            <Typography variant="body2" component="div">
              <code>{where(d)}</code>
            </Typography>
          )}
          {d.detail && (
            <Typography
              variant="body2"
              component="div"
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {d.detail}
            </Typography>
          )}
        </Alert>
      </Box>
    ))}
  </>
);

/**
 * A plan or apply console log as the report view shows it: what went wrong
 * first (errors with file and line), then what the apply did to each
 * resource (action, result, duration), then what a plan announced; the
 * raw text last, folded. The same parser as the CLI's and the backend's
 * HTML reports (`@tofui/report`).
 *
 * @public
 */
export const LogReport = ({ log }: LogReportProps) => {
  const parsed = useMemo(() => parseTerraformLog(log), [log]);
  const counts = parsed.applied ?? parsed.plan;
  return (
    <Box p={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        {parsed.kind === 'apply' ? 'Apply' : 'Plan'}: {OUTCOME[parsed.outcome]}
        {counts &&
          ` — ${counts.add} added, ${counts.change} changed, ${counts.destroy} destroyed`}
      </Typography>
      {parsed.errors.length > 0 && <Diagnostics items={parsed.errors} />}
      {parsed.resources.length > 0 && (
        <Table size="small" aria-label="Apply results">
          <TableHead>
            <TableRow>
              <TableCell>Resource</TableCell>
              <TableCell>Action</TableCell>
              <TableCell>Result</TableCell>
              <TableCell align="right">Duration</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...parsed.resources]
              // failed first: what the reader came for
              .sort(
                (a, b) =>
                  Number(b.status === 'failed') - Number(a.status === 'failed'),
              )
              .map(r => (
                <TableRow key={r.address}>
                  <TableCell>
                    <code>{r.address}</code>
                  </TableCell>
                  <TableCell>{r.action}</TableCell>
                  <TableCell>{r.status}</TableCell>
                  <TableCell align="right">
                    {seconds(r.durationSeconds ?? r.elapsedSeconds)}
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
      {parsed.resources.length === 0 && parsed.planned.length > 0 && (
        <Table size="small" aria-label="Planned changes">
          <TableHead>
            <TableRow>
              <TableCell>Resource</TableCell>
              <TableCell>Action</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {parsed.planned.map((p, i) => (
              <TableRow key={`${p.address}-${i}`}>
                <TableCell>
                  <code>{p.address}</code>
                </TableCell>
                <TableCell>{p.action}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {parsed.warnings.length > 0 && (
        <Box mt={2}>
          <Diagnostics items={parsed.warnings} />
        </Box>
      )}
      <Box mt={2}>
        <Accordion>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography>Raw log</Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Box
              component="pre"
              m={0}
              style={{
                overflow: 'auto',
                maxHeight: '60vh',
                whiteSpace: 'pre-wrap',
                width: '100%',
              }}
            >
              {log}
            </Box>
          </AccordionDetails>
        </Accordion>
      </Box>
    </Box>
  );
};
