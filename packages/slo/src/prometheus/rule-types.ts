/** A Prometheus rule file's shapes, and where each alert's runbook is (docs/operations.md, one section per alert). */
export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: Rule[];
}

export const runbookUrl = (alert: string) => `docs/operations.md#${alert.toLowerCase()}`;
