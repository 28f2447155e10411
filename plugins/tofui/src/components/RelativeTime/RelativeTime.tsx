import { DateTime } from 'luxon';

/**
 * "5 minutes ago", with the absolute time on hover (a native tooltip: the
 * dashboard shows two per row).
 */
export const RelativeTime = ({ iso }: { iso: string }) => {
  const time = DateTime.fromISO(iso);
  if (!time.isValid) {
    return <span>{iso}</span>;
  }
  return (
    <time dateTime={iso} title={time.toLocaleString(DateTime.DATETIME_FULL)}>
      {time.toRelative()}
    </time>
  );
};
