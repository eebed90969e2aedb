import { H } from '../internal-headers.ts';
import type { VclWriter } from '../vcl-text.ts';

/** `vcl_recv`: the client side's subroutines in the Node edge's order, then pass or lookup. */
export function writeRecv(w: VclWriter) {
  w.block('sub vcl_recv', () => {
    w.line('call hatago_arrival;');
    w.block('if (local.socket == "admin")', () => w.line('call hatago_admin;'));
    w.line('call hatago_redirects;');
    w.line('call hatago_match;');
    w.block(`if (!req.http.${H.route})`, () => w.line('return (synth(404));'));
    w.line('# a restart (vcl_hit refetching an entry) is the same client request: counted once');
    w.block('if (req.restarts == 0)', () => w.line('call hatago_rate_limits;'));
    w.line('call hatago_route;');
    w.line('call hatago_body;');
    w.block(`if (req.http.${H.policy} == "pass")`, () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=bypass";`);
      w.line('return (pass);');
    });
    w.line('call hatago_cache_key;');
    w.block('if (req.method !~ "^(GET|HEAD)$")', () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=method";`);
      w.line('return (pass);');
    });
    w.line('# the edge stores whole responses; a part is the origin\'s to cut, as on the Node edge');
    w.block('if (req.http.Range)', () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=request; detail=range";`);
      w.line('return (pass);');
    });
    w.block(`if (req.http.${H.staleKept} == "serve")`, () => w.line('set req.hash_always_miss = false;'));
    w.line('return (hash);');
  });
  w.line();
}
