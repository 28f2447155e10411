export { TofuiIcon } from './TofuiIcon';
