import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { OverallStatus } from '@tofui/backstage-plugin-tofui-common';

/** PASSING / FAILING / UNKNOWN with the Backstage status colours. */
export const VerdictBadge = ({ status }: { status: OverallStatus }) => {
  switch (status) {
    case 'passing':
      return <StatusOK>PASSING</StatusOK>;
    case 'failing':
      return <StatusError>FAILING</StatusError>;
    default:
      return <StatusWarning>UNKNOWN</StatusWarning>;
  }
};
