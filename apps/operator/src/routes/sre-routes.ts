import { readFileSync } from 'node:fs';
import type { HttpApp } from '@hatago/platform/http';
import { packageFilePath, runtimeFilePath } from '@hatago/platform/runtime-files';
import type { OperatorAppDeps } from '../deps.ts';
import { needs } from '../route-capabilities.ts';
import { sreElsewherePage, srePage } from '../views/sre-views.ts';

/** uPlot from npm and the page's own script, served by the app itself: no CDN, and the CSP allows only 'self'. */
const ASSETS: Record<string, { type: string; body: string }> = {
  'uplot.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(packageFilePath('uplot/dist/uPlot.iife.min.js'), 'utf8') },
  'uplot.min.css': { type: 'text/css; charset=utf-8', body: readFileSync(packageFilePath('uplot/dist/uPlot.min.css'), 'utf8') },
  'sre-dashboard.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(runtimeFilePath('apps/operator/src/assets/sre-dashboard.js'), 'utf8') },
};

/** The SRE dashboard: every operator may read it; it changes nothing. */
export function registerSreRoutes(app: HttpApp, { sre }: OperatorAppDeps): void {
  if (!sre) {
    app.get('/operator/sre', needs('sre.read'), async (request, reply) => reply.type('text/html; charset=utf-8').send(sreElsewherePage(request.staff)));
    return;
  }
  app.get('/operator/sre', needs('sre.read'), async (request, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return srePage(request.staff, sre.snapshot());
  });
  // the page polls this every few seconds; same data the page was rendered from
  app.get('/operator/sre/data', needs('sre.read'), async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return sre.snapshot();
  });
  app.get<{ Params: { name: string } }>('/operator/assets/:name', needs('console.enter'), async (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header('cache-control', 'private, max-age=3600').send(asset.body);
  });
}
