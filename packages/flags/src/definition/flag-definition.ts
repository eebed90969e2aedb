/**
 * A feature flag as operators define it and as both the apps (through OpenFeature) and the
 * edge (through its rollout rules) evaluate it. A flag is boolean: the released behaviour is
 * on or off for a visitor; variants beyond two are a product decision this does not take.
 */
export interface FlagDefinition {
  /** kebab-case, e.g. `new-search`; also what `?preview=` names by default. */
  key: string;
  description: string;
  /** Who is reminded once the flag is past its expiry. */
  owner: string;
  /** The day (Asia/Tokyo, YYYY-MM-DD) the flag should be gone: released to everyone and removed from the code. */
  expiresOn: string;
  /** Rules per deployment environment (`development`, `staging`, `production`, …). An environment not listed: off. */
  environments: Record<string, FlagEnvironmentRule>;
}

export interface FlagEnvironmentRule {
  /** false: off for every visitor, previews included. Turning it off is the kill switch. */
  enabled: boolean;
  /** Share of visitors, 0–100 with up to two decimals, who get the flag, each one sticky by the visitor cookie. */
  percent: number;
  /**
   * Preview values: a request with `?preview=<value>` or `X-Hatago-Preview: <value>` gets
   * the flag while it is enabled, whatever the percentage (testers, a design review).
   */
  allow: string[];
}

export const FLAG_KEY_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const FLAG_KEY_MAX_LENGTH = 64;

/** The environment a process runs in when HATAGO_ENVIRONMENT does not say. */
export const DEFAULT_ENVIRONMENT = 'development';
