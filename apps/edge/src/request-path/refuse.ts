import type { OutgoingHttpHeaders } from 'node:http';
import type { EdgeProblem } from '@hatago/edge-rules';
import { sendEdgeProblem } from '../proxy/edge-answers.ts';
import type { Arrival, EdgeContext } from './edge-context.ts';

/** Answers a request the edge will not pass on, counted by `reason`. */
export function refuse(edge: EdgeContext, arrival: Arrival, problem: EdgeProblem, reason: string, headers?: OutgoingHttpHeaders): void {
  const { req, res } = arrival;
  edge.metrics.refused.labels(reason).inc();
  // the body may still be on its way: read and drop it so the client is not reset before it reads the answer
  if (arrival.hasBody && !req.complete) {
    req.resume();
    res.setHeader('connection', 'close');
  }
  sendEdgeProblem(res, arrival.view.path, { requestId: arrival.requestId, traceId: arrival.trace.traceId }, problem, headers);
}
