import type { EdgeRules } from '@hatago/edge-rules';
import { H, PATH } from '../internal-headers.ts';
import { matchCondition } from '../match-condition.ts';
import type { Attempt } from '../refusals.ts';
import { VclLiteralError, vclRegex, vclString, type VclWriter } from '../vcl-text.ts';

/** `hatago_redirects`: the first matching redirect answers through vcl_synth. */
export function writeRedirects(w: VclWriter, rules: EdgeRules, attempt: Attempt, notes: string[]) {
  w.block('sub hatago_redirects', () => {
    for (const redirect of rules.redirects) {
      attempt(`redirects "${redirect.name}"`, () => {
        const usesGroups = /\$\d/.test(redirect.location);
        if (usesGroups && redirect.match.pathPattern === undefined) throw new VclLiteralError('location uses $n but the match has no pathPattern');
        w.block(`if (${matchCondition(redirect.match)})`, () => {
          if (usesGroups) {
            // the whole path becomes the location; groups keep their numbers inside (?:…)
            const replacement = redirect.location.replace(/\\/g, '\\\\').replace(/\$(\d)/g, '\\$1');
            w.line(`set req.http.${H.location} = regsub(${PATH}, ${vclRegex(`^.*?(?:${redirect.match.pathPattern}).*$`)}, ${vclString(replacement)});`);
          } else {
            w.line(`set req.http.${H.location} = ${vclString(redirect.location)};`);
          }
          if (redirect.keepQuery) {
            w.block('if (req.url ~ "\\?.")', () => {
              const joiner = redirect.location.includes('?') ? '&' : '?';
              w.line(`set req.http.${H.location} = req.http.${H.location} + "${joiner}" + regsub(req.url, "^[^?]*\\?", "");`);
            });
          }
          w.line(`return (synth(${redirect.status}));`);
        });
      });
      if (/\$\d/.test(redirect.location)) {
        notes.push(`redirects "${redirect.name}": groups are copied into the location as the client sent them (the Node edge passes them through encodeURI)`);
      }
    }
  });
  w.line();
}
