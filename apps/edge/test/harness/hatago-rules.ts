import type { EdgeRules } from '@hatago/edge-rules';
import hatagoRules from '../../../../config/edge.ts';

/** Hatago's rules with changes for one case. */
export const rulesWith = (change: Partial<EdgeRules>): EdgeRules => ({ ...hatagoRules, ...change });
