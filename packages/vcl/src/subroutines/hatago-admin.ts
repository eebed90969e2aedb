import { H, PATH } from '../internal-headers.ts';
import { vclConstant, type VclWriter } from '../vcl-text.ts';
import { ALL_TAG, urlTag } from '../xkey-tags.ts';

/** The purge API of the Node edge (packages/http-cache/src/purge-routes.ts), same paths and answers, on the "admin" listener. */
export function writeAdmin(w: VclWriter, tokenEnv: string) {
  const token = `std.getenv(${vclConstant(tokenEnv, 'environment variable')})`;
  const purge = (tag: string, soft: string) =>
    w.chain([[soft, () => w.line(`set req.http.${H.purged} = xkey.softpurge(${tag});`)]], () => w.line(`set req.http.${H.purged} = xkey.purge(${tag});`));
  w.line('# bearer token from the environment (never written here), and a client ACL');
  w.block('sub hatago_admin', () => {
    w.block('if (!(client.ip ~ hatago_purgers))', () => w.line('return (synth(403));'));
    w.block(`if (${token} == "" || req.http.Authorization != "Bearer " + ${token})`, () => w.line('return (synth(401));'));
    w.block('if (req.method != "POST")', () => w.line('return (synth(404));'));
    const softKeyOrAll = 'req.url ~ "\\?soft=1$" || req.http.Soft-Purge == "1"';
    w.chain(
      [
        [
          'req.url ~ "^/purge/key/"',
          () => {
            w.line(`set req.http.${H.purgeKey} = blob.transcode(URL, IDENTITY, encoded=regsub(req.url, "^/purge/key/([^?]*).*$", "\\1"));`);
            w.block(`if (req.http.${H.purgeKey} == "" || req.http.${H.purgeKey} ~ "[\\s,]")`, () => w.line('return (synth(400));'));
            purge(`req.http.${H.purgeKey}`, softKeyOrAll);
            w.line('return (synth(200));');
          },
        ],
        [
          'req.url ~ "^/purge/url/"',
          () => {
            w.line("# keyed exactly as its route keys a GET for it, so every variant (canary, device, host) goes");
            w.line('set req.url = regsub(req.url, "^/purge/url", "");');
            w.line('set req.method = "GET";');
            w.line(`set ${PATH} = regsub(req.url, "\\?.*$", "");`);
            w.line('call hatago_match;');
            w.line('call hatago_cache_key;');
            purge(urlTag(`req.http.${H.keyUrl}`), 'req.http.Soft-Purge == "1"');
            w.line('return (synth(200));');
          },
        ],
        [
          'req.url ~ "^/purge/all(\\?soft=1)?$"',
          () => {
            purge(`"${ALL_TAG}"`, softKeyOrAll);
            w.line('return (synth(200));');
          },
        ],
      ],
      () => w.line('return (synth(404));'),
    );
  });
  w.line();
}
