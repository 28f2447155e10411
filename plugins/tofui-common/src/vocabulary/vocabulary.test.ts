import {
  describePlanSummary,
  isReportArtifactKind,
  PLAN_SUMMARY_LABELS,
  REPORT_ARTIFACT_FILES,
  REPORT_ARTIFACT_KINDS,
  tofuiReportPath,
  TOFUI_ROUTE_PATHS,
} from '.';

describe('the shared vocabulary', () => {
  it('describes a plan summary as the API sends it, output changes included', () => {
    expect(
      describePlanSummary({ add: 2, change: 0, outputChanges: 1, drift: 3 }),
    ).toBe('2 to add · 1 output changes · 3 drifted');
    expect(describePlanSummary({ add: 0 })).toBe('No changes.');
    expect(describePlanSummary({ add: 4, errored: true })).toBe(
      'Planning failed.',
    );
    expect(PLAN_SUMMARY_LABELS.map(([key]) => key)).toContain('outputChanges');
  });

  it('names the artifact kinds and how each is stored', () => {
    expect(REPORT_ARTIFACT_KINDS).toEqual(['html', 'plan', 'log']);
    expect(Object.keys(REPORT_ARTIFACT_FILES)).toEqual([
      ...REPORT_ARTIFACT_KINDS,
    ]);
    expect(isReportArtifactKind('plan')).toBe(true);
    expect(isReportArtifactKind('toString')).toBe(false);
  });

  it('builds the path of a report view from the route table', () => {
    expect(TOFUI_ROUTE_PATHS.report).toBe('/reports/:id');
    expect(tofuiReportPath('3f2a')).toBe('/tofui/reports/3f2a');
    expect(tofuiReportPath('a/b')).toBe('/tofui/reports/a%2Fb');
  });
});
