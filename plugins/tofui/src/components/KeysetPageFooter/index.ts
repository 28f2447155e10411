export { KeysetPageFooter } from './KeysetPageFooter';
