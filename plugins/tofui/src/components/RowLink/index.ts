export { RowLink } from './RowLink';
