export { TofuiRouter } from './TofuiRouter';
