export { TofuiPage } from './TofuiPage';
