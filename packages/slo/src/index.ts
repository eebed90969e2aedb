export { anyOf, defineSlos, windowSeconds, type HistogramSource, type Indicator, type SloDefinition, type SloSet, type Selector, type Window } from './slo-definition.ts';
