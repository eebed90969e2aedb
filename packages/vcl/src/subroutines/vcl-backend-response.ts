import { type HeaderRewrite, isSyntheticRoute, type RouteRule } from '@hatago/edge-rules';
import { HIT_FOR_PASS_SECONDS, HTTP_DATE_PATTERN, SAFE_METHODS, TARGETED_FIELD_PATTERN } from '@hatago/http-cache';
import { OBJ } from '../internal-headers.ts';
import { isCached, perRoute, rewriteLines } from '../per-route.ts';
import type { Attempt } from '../refusals.ts';
import { vclRegex, vclString, type VclWriter } from '../vcl-text.ts';
import { ALL_TAG, urlTag } from '../xkey-tags.ts';

// RFC 9111 §4.2.2: statuses a cache may give heuristic freshness when the origin gave none
const HEURISTIC_STATUSES = [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501];
// what the edge's storage and freshness read (see writeTargeted); the client keeps the origin's Cache-Control
const CC = `beresp.http.${OBJ.cc}`;
const TARGETED = 'var.get("targeted") == "yes"';
// the targeted fields in the Node edge's order (packages/http-cache/src/targeted-cache-control.ts)
const TARGETED_FIELDS = ['Hatago-Cache-Control', 'CDN-Cache-Control'];
// the types the Node edge compresses (packages/http-cache/src/content-encoding.ts)
const COMPRESSIBLE_TYPE = '(?i)^(text/|application/(json|javascript|xml|manifest\\+json|problem\\+json|ld\\+json)|application/[^;]*\\+(json|xml)|image/svg\\+xml)';

/** `vcl_backend_response`: xkey tags, response rewrites, invalidation, storage and freshness, compression. */
export function writeBackendResponse(w: VclWriter, routes: RouteRule[], rewrites: HeaderRewrite[], attempt: Attempt) {
  w.block('sub vcl_backend_response', () => {
    w.line('# Surrogate-Key tags index the object for xkey; the client never sees them');
    w.line('unset beresp.http.xkey;');
    w.block('if (beresp.http.Surrogate-Key)', () => {
      w.line('set beresp.http.xkey = beresp.http.Surrogate-Key;');
      w.line('unset beresp.http.Surrogate-Key;');
    });
    perRoute(w, routes, (route, into) => {
      if (!isSyntheticRoute(route)) rewriteLines(into, 'beresp', rewrites, route, attempt);
    });
    writeInvalidation(w);
    w.block('if (var.get("policy") != "cache" || bereq.uncacheable)', () => w.line('return (deliver);'));
    w.line(`set beresp.http.xkey = ${vclString(`${ALL_TAG} `)} + ${urlTag('var.get("key-url")')} + " " + beresp.http.xkey;`);
    w.line(`set beresp.http.${OBJ.path} = regsub(var.get("key-url"), "\\?.*$", "");`);
    perRoute(w, routes.filter(isCached), (route, into) => {
      if (isCached(route) && route.cache.stripSetCookie === true) into.line('unset beresp.http.Set-Cookie;');
    });
    writeTargeted(w);
    w.line('# stale-if-error: a failed refresh keeps the stale object (a foreground one serves it from vcl_synth)');
    w.block('if (beresp.status >= 500 && (bereq.is_bgfetch || var.get("stale-kept") == "kept"))', () => w.line('return (abandon);'));
    w.line('# never shared: one guest\'s cookie or private page must not reach another; the key passes for a while, as on the Node edge');
    w.block(
      `if (beresp.http.Set-Cookie || ${CC} ~ "(?i)(^|[ ,])(private|no-store)($|[ ,=])" || beresp.http.Vary ~ "^\\s*\\*")`,
      () => notStored(w),
    );
    w.line('# RFC 9111 §3.5: an answer to an Authorization request is kept only when it says any shared cache may');
    w.block(`if (bereq.http.Authorization && ${CC} !~ "(?i)(^|[ ,])(public|s-maxage|must-revalidate)($|[ ,=])")`, () => notStored(w));
    writeFreshness(w, routes);
    w.line('# without freshness a response is only worth keeping for revalidation, and only with a validator');
    w.block('if (beresp.ttl <= 0s && !beresp.http.ETag && !beresp.http.Last-Modified)', () => notStored(w));
    w.block('if (beresp.ttl < 0s)', () => w.line('set beresp.ttl = 0s;'));
    w.line('# compressed once when stored, as the Node edge does (packages/http-cache/src/content-encoding.ts): text-like, not encoded, not no-transform, 256 bytes or more');
    w.block(
      `if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ ${vclRegex(COMPRESSIBLE_TYPE)} && beresp.http.Cache-Control !~ "(?i)no-transform" && std.integer(beresp.http.Content-Length, 256) >= 256)`,
      () => w.line('set beresp.do_gzip = true;'),
    );
    w.block('if (beresp.http.ETag || beresp.http.Last-Modified)', () => w.line('set beresp.keep = 1h;'));
    w.line('return (deliver);');
  });
  w.line();
}

/**
 * Not stored: the key passes for HIT_FOR_PASS_SECONDS, as on the Node edge, except after an Authorization request,
 * whose answer says nothing of the next visitor's (uncacheable for this fetch only).
 */
function notStored(w: VclWriter) {
  w.block('if (bereq.http.Authorization)', () => {
    w.line('set beresp.ttl = 0s;');
    w.line('set beresp.uncacheable = true;');
    w.line('return (deliver);');
  });
  w.line(`return (pass(${HIT_FOR_PASS_SECONDS}s));`);
}

/** Bans what a successful unsafe request invalidates, as the Node edge's cache removes it. */
function writeInvalidation(w: VclWriter) {
  w.line('# RFC 9111 §4.4: a successful unsafe request (any method not safe, extensions included) invalidates its target and the same-host Location / Content-Location');
  w.block(`if (bereq.method !~ "^(${SAFE_METHODS.join('|')})$" && beresp.status < 400)`, () => {
    // std.ban() takes its argument unquoted: a quoted one is compared with its quotes and matches nothing
    // (varnishadm's `ban` strips them, std.ban does not). A path has no whitespace to need them.
    const banPath = (expression: string) => w.line(`std.ban(${vclString(`obj.http.${OBJ.path} == `)} + ${expression});`);
    banPath('regsub(bereq.url, "\\?.*$", "")');
    for (const header of ['Location', 'Content-Location']) {
      w.chain([
        [`beresp.http.${header} ~ "^/"`, () => banPath(`regsub(beresp.http.${header}, "[?#].*$", "")`)],
        [
          `beresp.http.${header} ~ "^https?://" && regsub(beresp.http.${header}, "^https?://([^/?#]+).*$", "\\1") == bereq.http.host`,
          () => banPath(`regsub(regsub(beresp.http.${header}, "^https?://[^/?#]+", ""), "[?#].*$", "")`),
        ],
      ]);
    }
  });
}

/** Freshness: heuristic when the origin gave none, the route's TTL and grace, and the origin's own stale windows. */
function writeFreshness(w: VclWriter, routes: RouteRule[]) {
  w.line('# RFC 9111 §4.2.2: heuristic freshness (10% of the age since Last-Modified) only without explicit freshness');
  w.block(`if (${CC} !~ "(?i)(^|[ ,])(s-maxage|max-age)=" && (!beresp.http.Expires || ${TARGETED}))`, () => {
    w.chain(
      [
        [
          `beresp.http.Last-Modified && (${HEURISTIC_STATUSES.map((status) => `beresp.status == ${status}`).join(' || ')})`,
          () => w.line('set beresp.ttl = (now - std.time(beresp.http.Last-Modified, now)) * 0.1;'),
        ],
      ],
      () => w.line('set beresp.ttl = 0s;'),
    );
  });
  w.line('# RFC 9111 §5.3: an Expires that is no HTTP-date means already expired (varnishd reads some such values as dates, and ignores others)');
  w.block(`if (${CC} !~ "(?i)(^|[ ,])(s-maxage|max-age)=" && beresp.http.Expires && beresp.http.Expires !~ ${vclRegex(HTTP_DATE_PATTERN)} && !(${TARGETED}))`, () =>
    w.line('set beresp.ttl = 0s;'),
  );
  const cached = routes.filter(isCached);
  perRoute(w, cached, (route, into) => {
    if (!isCached(route)) return;
    const { ttl, graceSeconds } = route.cache;
    if (typeof ttl === 'number') into.line(`set beresp.ttl = ${ttl}s;`);
    into.line(`set beresp.grace = ${graceSeconds}s;`);
    into.line(`set beresp.http.${OBJ.swr} = "${graceSeconds}";`);
  });
  w.line('# no-cache, must-revalidate and proxy-revalidate forbid serving stale (RFC 9111 §4.2.4)');
  w.chain(
    [
      [
        `${CC} ~ "(?i)(^|[ ,])(no-cache|must-revalidate|proxy-revalidate)($|[ ,=])"`,
        () => {
          w.block(`if (${CC} ~ "(?i)(^|[ ,])no-cache($|[ ,=])")`, () => w.line('set beresp.ttl = 0s;'));
          w.line('set beresp.grace = 0s;');
          w.line(`set beresp.http.${OBJ.swr} = "0";`);
        },
      ],
      [
        `${CC} ~ "(?i)(^|[ ,])stale-(while-revalidate|if-error)=[0-9]"`,
        () => {
          w.line('# the origin\'s own windows, each in place of the route\'s grace: grace covers the longer (stale-if-error), swr is remembered for vcl_hit');
          w.block(`if (${CC} ~ "(?i)(^|[ ,])stale-while-revalidate=[0-9]")`, () =>
            w.line(`set beresp.http.${OBJ.swr} = regsub(${CC}, "^(?:.*[ ,])?(?i:stale-while-revalidate)=([0-9]+).*$", "\\1");`),
          );
          w.block(`if (${CC} ~ "(?i)(^|[ ,])stale-if-error=[0-9]")`, () =>
            w.line(`set beresp.grace = std.duration(regsub(${CC}, "^(?:.*[ ,])?(?i:stale-if-error)=([0-9]+).*$", "\\1") + "s", 0s);`),
          );
          w.block(`if (std.duration(beresp.http.${OBJ.swr} + "s", 0s) > beresp.grace)`, () => w.line(`set beresp.grace = std.duration(beresp.http.${OBJ.swr} + "s", 0s);`));
        },
      ],
    ],
  );
}

/**
 * RFC 9213: a valid Hatago-Cache-Control, else CDN-Cache-Control, stands in for Cache-Control and Expires in what
 * the edge decides (read from OBJ.cc; the client keeps the origin's Cache-Control). varnishd computed beresp.ttl
 * from Cache-Control before VCL runs, so the targeted field's lifetime is set here; without one, the heuristic decides.
 */
function writeTargeted(w: VclWriter) {
  w.line('# RFC 9110 §5.3: a field sent on several lines is one list (varnishd reads only the first line); the Node edge joins them too');
  for (const field of ['Cache-Control', ...TARGETED_FIELDS]) w.line(`std.collect(beresp.http.${field});`);
  w.line('# RFC 9213 targeted cache control: the first valid field replaces Cache-Control and Expires for this edge');
  w.line(`set ${CC} = beresp.http.Cache-Control;`);
  w.line('var.set("targeted", "");');
  w.chain(
    TARGETED_FIELDS.map((field): [string, () => void] => [
      `beresp.http.${field} ~ ${vclRegex(TARGETED_FIELD_PATTERN)}`,
      () => {
        w.line(`set ${CC} = beresp.http.${field};`);
        w.line('var.set("targeted", "yes");');
      },
    ]),
  );
  w.block(`if (${TARGETED})`, () => {
    w.line('# Structured Field booleans as Cache-Control writes them: ?1 is the bare directive, ?0 leaves it out');
    w.line(`set ${CC} = regsuball(regsuball(${CC}, "(^|,) *[a-z*][a-z0-9_.*-]*=\\?0 *(?=,|$)", "\\1"), "=\\?1", "");`);
    w.chain(
      ['s-maxage', 'max-age'].map((directive): [string, () => void] => [
        `${CC} ~ "(^|[ ,])${directive}=[0-9]"`,
        () => w.line(`set beresp.ttl = std.duration(regsub(${CC}, "^(?:.*[ ,])?${directive}=([0-9]+).*$", "\\1") + "s", 0s);`),
      ]),
    );
  });
}
