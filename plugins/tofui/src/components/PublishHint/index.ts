export { PublishHint } from './PublishHint';
