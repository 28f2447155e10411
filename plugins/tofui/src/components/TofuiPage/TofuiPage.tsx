import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useFolderSummaries } from '../../hooks/useFolderSummaries';
import { FolderTable } from '../FolderTable';
import { PublishHint } from '../PublishHint';

/** The standalone tofUI page: every repository and folder, failing first. */
export const TofuiPage = () => {
  const { value, loading, error } = useFolderSummaries();
  return (
    <Content>
      <ContentHeader title="Terraform and OpenTofu runs">
        <SupportButton>
          The latest build (merge/apply) and test (pull request/plan) report of
          every root module folder, failing folders first.
        </SupportButton>
      </ContentHeader>
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.items.length === 0 && (
        <PublishHint title="No reports published yet" />
      )}
      {value && value.items.length > 0 && (
        <FolderTable
          title="Repositories and folders"
          items={value.items}
          statusTypes={value.statusTypes}
        />
      )}
    </Content>
  );
};
