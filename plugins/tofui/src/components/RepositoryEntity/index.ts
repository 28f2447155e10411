export { RepositoryEntity } from './RepositoryEntity';
