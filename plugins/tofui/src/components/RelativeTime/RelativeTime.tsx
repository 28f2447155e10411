import { formatFull, formatRelative } from '../../lib/relativeTime';

/**
 * "5 minutes ago", with the absolute time on hover (a native tooltip: the
 * dashboard shows two per row).
 */
export const RelativeTime = ({ iso }: { iso: string }) => {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return <span>{iso}</span>;
  }
  return (
    <time dateTime={iso} title={formatFull(time)}>
      {formatRelative(time)}
    </time>
  );
};
