import { readFileSync } from 'node:fs';
import type { HttpApp } from '@hatago/platform/http';
import { runtimeFilePath } from '@hatago/platform/runtime-files';
import type { GuestServices } from '../deps.ts';
import { langOf, t } from './i18n.ts';
import { currentMember, forgetEndedSession } from './member-session.ts';
import { ACCOUNT_HOME, ACCOUNT_STATUS_SCRIPT, link, paramsOf } from './page-kit.ts';

export const ACCOUNT_STATUS_PATH = '/account/status';

const SCRIPT = readFileSync(runtimeFilePath('apps/guest/src/assets/account-status.js'), 'utf8');

/**
 * Who is signed in, for the script on pages shared by everyone, which asks only while the
 * signed-in hint (signed-in-hint.ts) is present; a signed-out answer drops the hint. Under /account, which the
 * edge passes and never stores (config/edge.ts `guest-personal`), and no-store for every
 * other cache: the answer names a person. The script is the same for everyone, so the edge
 * keeps it (`guest-scripts`), briefly, since a deploy may change it.
 */
export function registerAccountStatus(app: HttpApp, { database }: GuestServices): void {
  app.get(ACCOUNT_STATUS_PATH, async (request, reply) => {
    const lang = langOf(paramsOf(request.query).lang);
    const member = await currentMember(database, request);
    reply.header('cache-control', 'private, no-store').header('vary', 'cookie');
    if (!member) {
      // the script asks only while the hint says signed in: a stale hint is dropped here, once
      forgetEndedSession(request, reply);
      return { signedIn: false };
    }
    return { signedIn: true, label: t(lang).accountOf(member.name), href: link(ACCOUNT_HOME, {}, lang) };
  });
  app.get(ACCOUNT_STATUS_SCRIPT, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=600').send(SCRIPT),
  );
}
