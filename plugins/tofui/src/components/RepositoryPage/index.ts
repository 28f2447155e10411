export { RepositoryPage } from './RepositoryPage';
