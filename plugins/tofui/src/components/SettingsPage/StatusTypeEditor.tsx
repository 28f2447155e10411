import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import type { StatusType } from '@tofui/backstage-plugin-tofui-common';
import { StatusChip } from '../StatusChip';
import {
  type MappingRow,
  type StatusTypeDraft,
  toRequest,
} from './statusTypeDraft';

export interface StatusTypeEditorProps {
  draft: StatusTypeDraft;
  errors: Record<string, string>;
  isNew: boolean;
  /** The user may look but not change (no tofui.statusTypes.manage). */
  readOnly?: boolean;
  saving: boolean;
  onChange: (draft: StatusTypeDraft) => void;
  onSave: () => void;
}

/**
 * Edits one status type: its name and, per code, label, emoji, colour and
 * passing/failing, with a live preview of the chips reports will show.
 */
export const StatusTypeEditor = ({
  draft,
  errors,
  isNew,
  readOnly = false,
  saving,
  onChange,
  onSave,
}: StatusTypeEditorProps) => {
  const setRow = (index: number, patch: Partial<MappingRow>) =>
    onChange({
      ...draft,
      rows: draft.rows.map((row, i) =>
        i === index ? { ...row, ...patch } : row,
      ),
    });
  const addRow = () => {
    const used = new Set(draft.rows.map(r => Number(r.code)));
    let code = 0;
    while (used.has(code)) code++;
    onChange({
      ...draft,
      rows: [
        ...draft.rows,
        {
          code: String(code),
          label: '',
          emoji: '',
          color: '#6e7781',
          status: 'failing',
        },
      ],
    });
  };
  // The preview renders exactly what a report's chips will, from the draft.
  const preview: StatusType = {
    key: draft.key || 'new_type',
    name: draft.name || draft.key || 'New type',
    mappings: toRequest(draft).mappings,
  };
  const field = (i: number, name: string) => errors[`rows.${i}.${name}`];

  return (
    <InfoCard
      title={isNew ? 'New status type' : `Edit ${draft.name || draft.key}`}
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        <TextField
          id="tofui-status-type-key"
          label="Key"
          helperText={errors.key ?? 'As CI sends it, e.g. tfsec'}
          error={!!errors.key}
          value={draft.key}
          disabled={!isNew}
          onChange={e => onChange({ ...draft, key: e.target.value })}
          variant="outlined"
          size="small"
        />
        <TextField
          id="tofui-status-type-name"
          label="Name"
          helperText={errors.name ?? 'Shown in tooltips'}
          error={!!errors.name}
          value={draft.name}
          onChange={e => onChange({ ...draft, name: e.target.value })}
          variant="outlined"
          size="small"
        />
      </Box>
      <Table size="small" aria-label="Codes">
        <TableHead>
          <TableRow>
            <TableCell>Code</TableCell>
            <TableCell>Label</TableCell>
            <TableCell>Emoji</TableCell>
            <TableCell>Colour</TableCell>
            <TableCell>Counts as</TableCell>
            <TableCell>Preview</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {draft.rows.map((row, i) => (
            <TableRow key={i}>
              <TableCell>
                <TextField
                  value={row.code}
                  error={!!field(i, 'code')}
                  helperText={field(i, 'code')}
                  onChange={e => setRow(i, { code: e.target.value })}
                  inputProps={{
                    'aria-label': `Code of row ${i + 1}`,
                    inputMode: 'numeric',
                  }}
                  style={{ width: 80 }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  value={row.label}
                  error={!!field(i, 'label')}
                  helperText={field(i, 'label')}
                  onChange={e => setRow(i, { label: e.target.value })}
                  inputProps={{ 'aria-label': `Label of code ${row.code}` }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  value={row.emoji}
                  error={!!field(i, 'emoji')}
                  helperText={field(i, 'emoji')}
                  onChange={e => setRow(i, { emoji: e.target.value })}
                  inputProps={{ 'aria-label': `Emoji of code ${row.code}` }}
                  style={{ width: 64 }}
                />
              </TableCell>
              <TableCell>
                <Box display="flex" alignItems="center">
                  <input
                    type="color"
                    value={
                      /^#[0-9a-fA-F]{6}$/.test(row.color)
                        ? row.color
                        : '#000000'
                    }
                    onChange={e => setRow(i, { color: e.target.value })}
                    aria-label={`Colour picker of code ${row.code}`}
                    style={{
                      width: 32,
                      height: 28,
                      border: 'none',
                      background: 'none',
                    }}
                  />
                  <TextField
                    value={row.color}
                    error={!!field(i, 'color')}
                    helperText={field(i, 'color')}
                    onChange={e => setRow(i, { color: e.target.value })}
                    inputProps={{ 'aria-label': `Colour of code ${row.code}` }}
                    style={{ width: 90 }}
                  />
                </Box>
              </TableCell>
              <TableCell>
                <TextField
                  select
                  value={row.status}
                  onChange={e =>
                    setRow(i, {
                      status: e.target.value as MappingRow['status'],
                    })
                  }
                  SelectProps={
                    { 'aria-label': `Verdict of code ${row.code}` } as any
                  }
                >
                  <MenuItem value="passing">Passing</MenuItem>
                  <MenuItem value="failing">Failing</MenuItem>
                </TextField>
              </TableCell>
              <TableCell>
                <StatusChip
                  typeKey={preview.key}
                  code={Number(row.code)}
                  statusTypes={[preview]}
                />
              </TableCell>
              <TableCell>
                <IconButton
                  aria-label={`Remove code ${row.code}`}
                  size="small"
                  onClick={() =>
                    onChange({
                      ...draft,
                      rows: draft.rows.filter((_r, j) => j !== i),
                    })
                  }
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {errors.rows && (
        <Typography color="error" variant="body2">
          {errors.rows}
        </Typography>
      )}
      <Box display="flex" justifyContent="space-between" mt={2}>
        <Button startIcon={<AddIcon />} onClick={addRow}>
          Add code
        </Button>
        <Button
          variant="contained"
          color="primary"
          onClick={onSave}
          disabled={readOnly || saving || Object.keys(errors).length > 0}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </Box>
      {readOnly && (
        <Typography variant="body2" color="textSecondary" component="p">
          You can see the status types; changing them needs the
          tofui.statusTypes.manage permission.
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        Saving recomputes the verdicts of stored reports that use this type in
        the background; the dashboard follows as they are updated.
      </Typography>
    </InfoCard>
  );
};
