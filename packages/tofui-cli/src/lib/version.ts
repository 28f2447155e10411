// Replaced by the bundler (scripts/bundle.mjs) with the package's version.
declare const __TOFUI_CLI_VERSION__: string | undefined;

/** The CLI's version: the bundle's, else package.json's (run from sources). */
export function cliVersion(): string {
  if (typeof __TOFUI_CLI_VERSION__ === 'string') return __TOFUI_CLI_VERSION__;
  // eslint-disable-next-line @backstage/no-relative-monorepo-imports
  return require('../../package.json').version;
}
