/*
 * The metric names a PromQL expression reads, found without a full parser:
 * strings, label matchers, grouping clauses, ranges and numbers are removed;
 * what is left that is not a function, aggregation or keyword is a metric.
 */
const NOT_METRICS = new Set([
  // aggregations and keywords
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'group',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  // functions used here and common ones
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'deriv',
  'absent',
  'absent_over_time',
  'histogram_quantile',
  'avg_over_time',
  'max_over_time',
  'min_over_time',
  'sum_over_time',
  'count_over_time',
  'last_over_time',
  'clamp_min',
  'clamp_max',
  'abs',
  'ceil',
  'floor',
  'round',
  'time',
  'timestamp',
  'vector',
  'scalar',
  'label_replace',
  'label_join',
  'changes',
  'resets',
  'sort',
  'sort_desc',
  'predict_linear',
]);

export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    )
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    if (!NOT_METRICS.has(match[0])) names.add(match[0]);
  }
  return [...names];
}
