import { createConditionExports } from '@backstage/plugin-permission-node';
import { TOFUI_REPORT_RESOURCE_TYPE } from '@tofui/backstage-plugin-tofui-common';
import { tofuiReportRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  pluginId: 'tofui',
  resourceType: TOFUI_REPORT_RESOURCE_TYPE,
  rules: tofuiReportRules,
});

/**
 * Conditions on `tofui.report.read` for permission policies, e.g.
 * `tofuiReportConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const tofuiReportConditions = conditions;

/**
 * A conditional decision on `tofui.report.read` from {@link tofuiReportConditions}.
 *
 * @public
 */
export const createTofuiReportConditionalDecision = createConditionalDecision;
