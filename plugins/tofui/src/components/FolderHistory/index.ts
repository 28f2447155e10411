export { FolderHistory } from './FolderHistory';
