export { ChangeTable } from './ChangeTable';
export type { ChangeTableProps } from './ChangeTable';
