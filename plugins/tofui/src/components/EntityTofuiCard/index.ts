export { EntityTofuiCard } from './EntityTofuiCard';
