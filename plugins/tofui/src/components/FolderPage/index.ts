export { FolderPage } from './FolderPage';
