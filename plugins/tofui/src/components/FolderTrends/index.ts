export { FolderTrends } from './FolderTrends';
