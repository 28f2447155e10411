/**
 * The original tofUI's publishing flags, which this CLI replaces: each
 * ends the run with exit code 2 and a message naming what to use instead,
 * rather than being ignored (a pipeline that silently stopped publishing
 * would go unnoticed).
 */
const TO_TOFUI =
  'reports are published to tofUI for Backstage: give --server URL (or set TOFUI_SERVER) and a token in TOFUI_TOKEN';

export const REPLACED_FLAGS: Record<string, string> = {
  '--s3-bucket': `S3 upload is replaced: ${TO_TOFUI}; the backend keeps the HTML report, plan and log (its artifact storage can be S3)`,
  '--s3-prefix': `S3 upload is replaced: ${TO_TOFUI}`,
  '--s3-region': `S3 upload is replaced: ${TO_TOFUI}`,
  '--gcs-bucket': `GCS upload is replaced: ${TO_TOFUI}`,
  '--gcs-prefix': `GCS upload is replaced: ${TO_TOFUI}`,
  '--signed-url-expiry': `signed bucket URLs are replaced: ${TO_TOFUI}; the report's link needs a Backstage sign-in`,
  '--no-signed-url': `signed bucket URLs are replaced: ${TO_TOFUI}`,
  '--github-repo': `GitHub Pages publishing is replaced: ${TO_TOFUI}; the source repository comes from CI or --repo. To keep the old dashboard updated meanwhile: tofui publish --also-legacy-dashboard DIR`,
  '--github-pages': `GitHub Pages publishing is replaced: ${TO_TOFUI}`,
  '--github-branch': `GitHub Pages publishing is replaced: ${TO_TOFUI}`,
  '--github-enterprise-url': `GitHub Pages publishing is replaced: ${TO_TOFUI}`,
  '--github-token': `GitHub Pages publishing is replaced: ${TO_TOFUI} (GITHUB_TOKEN is still read by 'tofui comment')`,
  '--dashboard-repo': `the GitHub Pages dashboard is replaced by the tofUI pages in Backstage: ${TO_TOFUI}; import the old one with 'tofui migrate'`,
  '--batch-folder': `GitHub Pages batch folders are replaced: use --folder with --server`,
};

/** The first replaced flag in `args` (`--flag` or `--flag=value`). */
export function findReplacedFlag(args: string[]): string | undefined {
  return args
    .map(arg => arg.split('=')[0])
    .find(name => Object.prototype.hasOwnProperty.call(REPLACED_FLAGS, name));
}
