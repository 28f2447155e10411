export { FolderTable } from './FolderTable';
export type { FolderTableProps } from './FolderTable';
