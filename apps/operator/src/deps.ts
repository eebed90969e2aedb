import type { TemplateRegistry } from '@hatago/mail';
import type { AppDeps } from '@hatago/runtime';
import type { SreSnapshot } from '@hatago/slo';

/** Cancellations publish through the cache, so cached hotel pages show the rooms given back. */
export interface OperatorAppDeps extends AppDeps {
  /** The platform's mail templates: they mark the bodies staff may not read (password reset links). */
  mailTemplates: TemplateRegistry;
  /** The embedded platform's in-process SLO evaluation; a distributed deployment has Prometheus instead and no /operator/sre. */
  sre?: { snapshot(): SreSnapshot };
}
