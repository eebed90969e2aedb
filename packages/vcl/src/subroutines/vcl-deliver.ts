import { H, OBJ } from '../internal-headers.ts';
import type { VclWriter } from '../vcl-text.ts';

/** `vcl_deliver`: request id, cache outcome and rollout cookie on the answer; the VCL's own headers off it. */
export function writeDeliver(w: VclWriter) {
  w.block('sub vcl_deliver', () => {
    w.line('set resp.http.X-Request-Id = req.http.X-Request-Id;');
    w.line('# ranges are the origin\'s to cut (a range request passes): varnishd would cut a whole 200 it relays itself');
    w.line('unset req.http.Range;');
    w.block(`if (req.http.${H.cacheStatus})`, () => {
      w.block(`if (req.http.${H.xcache} == "MISS" && !obj.uncacheable)`, () => w.line(`set req.http.${H.cacheStatus} = req.http.${H.cacheStatus} + "; stored";`));
      w.line(`set resp.http.Cache-Status = req.http.${H.cacheStatus};`);
      w.line(`set resp.http.X-Cache = req.http.${H.xcache};`);
    });
    w.block(`if (req.http.${H.setCookie})`, () => w.line(`header.append(resp.http.Set-Cookie, req.http.${H.setCookie});`));
    for (const name of ['xkey', 'Surrogate-Key', 'Hatago-Cache-Control', 'CDN-Cache-Control', ...Object.values(OBJ), 'X-Varnish', 'Via']) w.line(`unset resp.http.${name};`);
  });
  w.line();
}
