import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  type Report,
  tofuiReportDeletePermission,
} from '@tofui/backstage-plugin-tofui-common';
import { useState } from 'react';
import { tofuiApiRef } from '../../api';

/**
 * Deletes a report and its artifacts, after asking. Shown only to those the
 * permission policy allows `tofui.report.delete` (admins); the backend
 * enforces it regardless.
 */
export const DeleteReportButton = ({
  report,
  onDeleted,
}: {
  report: Report;
  onDeleted: () => void;
}) => {
  const api = useApi(tofuiApiRef);
  const { allowed } = usePermission({
    permission: tofuiReportDeletePermission,
  });
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!allowed) {
    return null;
  }
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteReport(report.id);
      setOpen(false);
      onDeleted();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<DeleteIcon />}
        onClick={() => setOpen(true)}
      >
        Delete report
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)}>
        <DialogTitle>Delete this report?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {report.reportType === 'build' ? 'Build' : 'Test'} report{' '}
            <strong>{report.displayName ?? report.buildName}</strong> of{' '}
            {report.repository} · {report.folder}, with its HTML report, plan
            and log. The audit log keeps a record; the report cannot be
            restored.
          </DialogContentText>
          {error && (
            <Typography color="error" role="alert">
              {error}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button onClick={remove} color="secondary" disabled={busy}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
