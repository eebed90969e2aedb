import { type EvaluationContext, type JsonValue, type Provider, type ResolutionDetails, ErrorCode } from '@openfeature/server-sdk';
import type { FlagDefinition } from '../definition/flag-definition.ts';
import { evaluateFlag } from '../evaluation/evaluate-flag.ts';

/** Where the provider reads the live definitions (memory, else the shared cache, else the database). */
export interface FlagDefinitionSource {
  definitions(): Promise<ReadonlyMap<string, FlagDefinition>>;
}

/**
 * The evaluation context Hatago's apps build per request (`flagContextOf`): the visitor id
 * as OpenFeature's targeting key, the preview values, and the edge's decision when an edge
 * is in front (then it is the answer, so a page and the cache key it is stored under agree).
 */
export type HatagoEvaluationContext = EvaluationContext & {
  targetingKey?: string;
  previews: string[];
  edgeFlags?: string[];
};

/**
 * OpenFeature provider over Hatago's own flag definitions. Flags are boolean; asking for
 * another type is a TYPE_MISMATCH answered with the caller's default, as the spec wants.
 */
export class HatagoFlagProvider implements Provider {
  readonly metadata = { name: 'hatago' } as const;
  readonly runsOn = 'server' as const;

  constructor(
    private readonly source: FlagDefinitionSource,
    private readonly environment: string,
  ) {}

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    const edgeFlags = stringsOf(context.edgeFlags);
    if (edgeFlags) return { value: edgeFlags.includes(flagKey), reason: 'TARGETING_MATCH', flagMetadata: { decidedBy: 'edge' } };
    const flag = (await this.source.definitions()).get(flagKey);
    if (!flag) return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.FLAG_NOT_FOUND };
    const evaluation = evaluateFlag(flag, {
      environment: this.environment,
      visitorId: typeof context.targetingKey === 'string' ? context.targetingKey : undefined,
      previews: stringsOf(context.previews) ?? [],
    });
    return { value: evaluation.value, reason: evaluation.reason, flagMetadata: { decidedBy: 'app' } };
  }

  resolveStringEvaluation(_flagKey: string, defaultValue: string): Promise<ResolutionDetails<string>> {
    return Promise.resolve(mismatch(defaultValue));
  }

  resolveNumberEvaluation(_flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return Promise.resolve(mismatch(defaultValue));
  }

  resolveObjectEvaluation<T extends JsonValue>(_flagKey: string, defaultValue: T): Promise<ResolutionDetails<T>> {
    return Promise.resolve(mismatch(defaultValue));
  }
}

const mismatch = <T>(value: T): ResolutionDetails<T> => ({ value, reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH });

const stringsOf = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
