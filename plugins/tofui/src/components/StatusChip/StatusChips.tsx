import type {
  StatusType,
  Statuses,
} from '@tofui/backstage-plugin-tofui-common';
import { StatusChip } from './StatusChip';

/** Every status of a report, one chip each, in the order the report lists them. */
export const StatusChips = ({
  statuses,
  statusTypes,
}: {
  statuses: Statuses;
  statusTypes: ReadonlyArray<StatusType>;
}) => (
  <>
    {Object.entries(statuses).map(([typeKey, code]) => (
      <StatusChip
        key={typeKey}
        typeKey={typeKey}
        code={code}
        statusTypes={statusTypes}
      />
    ))}
  </>
);
