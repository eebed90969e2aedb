export * from './edge-rules.ts';
export { type EdgeProblem, PROBLEMS, problemForStatus } from './edge-problems.ts';
export { EdgeErrors } from './edge-rules-errors.ts';
export { defaultRulesFile } from './default-rules-file.ts';
export { EdgeRulesError, loadEdgeRules } from './load-rules.ts';
export { formatRulePath, type RuleProblem, validateEdgeRules } from './validate-rules.ts';
