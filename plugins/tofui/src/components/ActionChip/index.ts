export { ActionChip } from './ActionChip';
