export { EntityTofuiContent } from './EntityTofuiContent';
