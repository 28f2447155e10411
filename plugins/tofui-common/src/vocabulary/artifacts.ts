/**
 * The files a report can carry, in the order CI sends them: the HTML
 * report, the plan JSON and the plan/apply log.
 *
 * @public
 */
export const REPORT_ARTIFACT_KINDS = ['html', 'plan', 'log'] as const;

/** One of {@link REPORT_ARTIFACT_KINDS}. @public */
export type ReportArtifactKind = (typeof REPORT_ARTIFACT_KINDS)[number];

/** Whether `name` is a report artifact kind. @public */
export function isReportArtifactKind(name: string): name is ReportArtifactKind {
  return (REPORT_ARTIFACT_KINDS as ReadonlyArray<string>).includes(name);
}

/**
 * How each kind is stored and served: the extension of its storage key and
 * of a downloaded file, and its content type.
 *
 * @public
 */
export const REPORT_ARTIFACT_FILES: Readonly<
  Record<
    ReportArtifactKind,
    { extension: 'html' | 'json' | 'log'; contentType: string }
  >
> = {
  html: { extension: 'html', contentType: 'text/html; charset=utf-8' },
  plan: { extension: 'json', contentType: 'application/json' },
  log: { extension: 'log', contentType: 'text/plain; charset=utf-8' },
};
