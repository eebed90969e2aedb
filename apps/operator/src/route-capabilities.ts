import { isOperatorCapability, type OperatorCapability, requireCapability } from '@hatago/identity';
import type { HttpApp } from '@hatago/platform/http';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use an operator route: every route under /operator/ names one (see CAPABILITIES). */
    capability?: OperatorCapability;
  }
}

/** The route options that give a route its capability: `app.get(path, needs('audit.read'), handler)`. */
export const needs = (capability: OperatorCapability) => ({ config: { capability } });

export interface RouteDecision {
  method: string;
  url: string;
  capability: OperatorCapability;
}

/** Signing in and out happen before anyone has a role. */
const OPEN = new Set(['/operator/login', '/operator/logout']);
const decisionsOf = new WeakMap<HttpApp, RouteDecision[]>();

/**
 * Refuses, when the app is built, any operator route that does not say which capability it
 * needs, so a new page cannot go live open to every role by omission; then checks the
 * signed-in operator's role against it on every request (after the session check).
 */
export function enforceCapabilities(app: HttpApp): { checkRequests(): void } {
  const decisions: RouteDecision[] = [];
  decisionsOf.set(app, decisions);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/operator/') || OPEN.has(route.url)) return;
    const capability = (route.config as { capability?: unknown } | undefined)?.capability;
    const methods = [route.method].flat().filter((method) => method !== 'HEAD');
    if (!isOperatorCapability(capability)) throw new Error(`${methods.join(',')} ${route.url} names no capability: decide which roles may use it`);
    for (const method of methods) decisions.push({ method, url: route.url, capability });
  });
  return {
    checkRequests() {
      app.addHook('preHandler', async (request) => {
        const capability = request.routeOptions.config.capability;
        if (capability) requireCapability(request.staff, capability);
      });
    },
  };
}

/** Every operator route and the capability it needs, as the app registered them. */
export const routeDecisions = (app: HttpApp): readonly RouteDecision[] => decisionsOf.get(app) ?? [];
