import type { FastifyRequest } from 'fastify';
import { EDGE_FLAGS_HEADER, edgeFlagsOf, type FlagReason, type HatagoEvaluationContext, isVisitorId, PREVIEW_HEADER, PREVIEW_QUERY, previewValues, VISITOR_COOKIE } from '@hatago/flags';
import type { GuestServices } from '../deps.ts';
import type { GuestFlagKey } from './flag-keys.ts';

type FlagRequest = Pick<FastifyRequest, 'cookies' | 'headers' | 'query'>;

/**
 * What a request says about its visitor for flag evaluation: the visitor cookie as the
 * targeting key (ignored unless it is one of ours), the preview values of the query and the
 * header, and the edge's decision when an edge is in front.
 */
export function flagContextOf(request: FlagRequest): HatagoEvaluationContext {
  const visitorId = request.cookies[VISITOR_COOKIE];
  const query = request.query as Record<string, unknown> | undefined;
  const edgeFlags = edgeFlagsOf(request.headers[EDGE_FLAGS_HEADER]);
  return {
    ...(isVisitorId(visitorId) ? { targetingKey: visitorId } : {}),
    previews: previewValues(stringsOf(query?.[PREVIEW_QUERY]), request.headers[PREVIEW_HEADER]),
    ...(edgeFlags ? { edgeFlags: [...edgeFlags] } : {}),
  };
}

export interface FeatureDecision {
  on: boolean;
  /**
   * The answer depended on who asks (their visitor cookie or a preview) rather than on the
   * edge's decision header or on nothing at all: no shared cache may keep the page, since
   * its key says nothing of either.
   */
  perVisitor: boolean;
}

// the reasons under which the provider looked at the visitor id or the previews
const PER_VISITOR: ReadonlySet<string> = new Set<FlagReason>(['TARGETING_MATCH', 'SPLIT']);

/** Whether a flag is on for this request, asked through the app's OpenFeature client; off when anything fails. */
export async function featureFor(services: Pick<GuestServices, 'features'>, request: FlagRequest, key: GuestFlagKey): Promise<FeatureDecision> {
  const details = await services.features.client.getBooleanDetails(key, false, flagContextOf(request));
  const byEdge = details.flagMetadata.decidedBy === 'edge';
  return { on: details.value, perVisitor: !byEdge && details.reason !== undefined && PER_VISITOR.has(details.reason) };
}

const stringsOf = (value: unknown): string | string[] | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
