export { VerdictBadge } from './VerdictBadge';
