/**
 * Report links are user input: only http(s) URLs become links. The same
 * check as the HTML reports use.
 */
export { safeHttpUrl } from '@tofui/report';
