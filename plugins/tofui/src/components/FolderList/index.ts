export { FolderList } from './FolderList';
