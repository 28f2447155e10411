export { ResourceTimeline } from './ResourceTimeline';
