import { CodeSnippet, EmptyState } from '@backstage/core-components';

const SNIPPET = `export TOFUI_CI_TOKEN=...   # the CI token configured in app-config
scripts/tofui publish --server http://localhost:7007 \\
  --repo acme/infrastructure --folder aws_us_east_1 \\
  --type build --build-name deploy-42 \\
  --status terraform_plan:2 --status tfsec:0`;

/** Empty state: how CI publishes its first report. */
export const PublishHint = ({ title }: { title: string }) => (
  <EmptyState
    missing="data"
    title={title}
    description="Reports appear here as soon as CI publishes them with the tofui CLI:"
    action={<CodeSnippet language="bash" text={SNIPPET} showCopyCodeButton />}
  />
);
