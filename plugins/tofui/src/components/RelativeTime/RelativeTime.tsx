import Tooltip from '@material-ui/core/Tooltip';
import { DateTime } from 'luxon';

/** "5 minutes ago", with the absolute time on hover. */
export const RelativeTime = ({ iso }: { iso: string }) => {
  const time = DateTime.fromISO(iso);
  if (!time.isValid) {
    return <span>{iso}</span>;
  }
  return (
    <Tooltip title={time.toLocaleString(DateTime.DATETIME_FULL)}>
      <time dateTime={iso}>{time.toRelative()}</time>
    </Tooltip>
  );
};
