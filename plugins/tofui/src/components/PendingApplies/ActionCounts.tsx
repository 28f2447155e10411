import Box from '@material-ui/core/Box';
import { CHANGE_ACTIONS } from '../../hooks/useChangeFilters';
import { ActionChip } from '../ActionChip';

/** Planned changes per action, one chip each ("+ create 3"), in action order. */
export const ActionCounts = ({
  counts,
}: {
  counts: Readonly<Record<string, number>>;
}) => (
  <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
    {[
      ...CHANGE_ACTIONS,
      ...Object.keys(counts).filter(
        a => !(CHANGE_ACTIONS as string[]).includes(a),
      ),
    ]
      .filter(action => counts[action])
      .map(action => (
        <ActionChip key={action} action={action} count={counts[action]} />
      ))}
  </Box>
);
