export { ChangesPage } from './ChangesPage';
