export { TofuiNav } from './TofuiNav';
