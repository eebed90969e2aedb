import { H, OBJ } from '../internal-headers.ts';
import type { VclWriter } from '../vcl-text.ts';

/** `vcl_hash`, `vcl_hit`, `vcl_miss`, `vcl_pass`: the key, and fresh, stale or fetched. */
export function writeLookup(w: VclWriter) {
  w.block('sub vcl_hash', () => {
    w.line(`hash_data(req.http.${H.backend});`);
    w.line('hash_data(std.tolower(regsub(req.http.host, ":[0-9]+$", "")));');
    w.line(`hash_data(req.http.${H.keyUrl});`);
    w.line(`hash_data(req.http.${H.keyExtra});`);
    w.line('return (lookup);');
  });
  w.line();
  w.block('sub vcl_hit', () => {
    w.block('if (obj.ttl >= 0s)', () => {
      w.line(`set req.http.${H.xcache} = "HIT";`);
      w.line(`set req.http.${H.cacheStatus} = "Hatago; hit";`);
      w.line('return (deliver);');
    });
    w.line(`set req.http.${H.xcache} = "STALE";`);
    w.block(`if (!std.healthy(req.backend_hint) || req.http.${H.staleKept} == "serve")`, () => {
      w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=stale; detail=stale-if-error";`);
      w.line('return (deliver);');
    });
    w.line('# healthy origin: stale only within its stale-while-revalidate window (grace holds the longer stale-if-error one)');
    w.block(`if (obj.ttl + std.duration(obj.http.${OBJ.swr} + "s", 0s) < 0s && req.restarts == 0)`, () => {
      w.line('# fetched in the foreground past the entry; should that fail, vcl_synth comes back for the entry');
      w.line(`set req.http.${H.staleKept} = "kept";`);
      w.line('set req.hash_always_miss = true;');
      w.line('return (restart);');
    });
    w.line(`set req.http.${H.cacheStatus} = "Hatago; hit; fwd=stale; detail=stale-while-revalidate";`);
    w.line('return (deliver);');
  });
  w.line();
  w.block('sub vcl_miss', () => {
    w.line(`set req.http.${H.xcache} = "MISS";`);
    w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=uri-miss";`);
  });
  w.line();
  w.block('sub vcl_pass', () => {
    w.line(`set req.http.${H.xcache} = "PASS";`);
    w.block(`if (req.is_hitpass)`, () => w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=bypass; detail=hit-for-pass";`));
    w.block(`if (!req.http.${H.cacheStatus})`, () => w.line(`set req.http.${H.cacheStatus} = "Hatago; fwd=bypass";`));
  });
  w.line();
}
