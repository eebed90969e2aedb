import type { EdgeRules } from '@hatago/edge-rules';
import { H } from '../internal-headers.ts';
import { matchCondition } from '../match-condition.ts';
import type { Attempt } from '../refusals.ts';
import { vclString, type VclWriter } from '../vcl-text.ts';

/** `hatago_rate_limits`: one vsthrottle bucket per limit and client address. */
export function writeRateLimits(w: VclWriter, rules: EdgeRules, attempt: Attempt) {
  w.block('sub hatago_rate_limits', () => {
    for (const limit of rules.rateLimits) {
      attempt(`rateLimits "${limit.name}"`, () => {
        const { requests, windowSeconds } = limit.perClient;
        w.block(`if (${matchCondition(limit.match)} && vsthrottle.is_denied(${vclString(`${limit.name}:`)} + client.ip, ${requests}, ${windowSeconds}s))`, () => {
          // an empty bucket gets its next token after window / requests, as the Node edge tells its clients
          w.line(`set req.http.${H.synth} = "retry-after:${Math.max(1, Math.ceil(windowSeconds / requests))}";`);
          w.line('return (synth(429));');
        });
      });
    }
  });
  w.line();
}
