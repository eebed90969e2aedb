import type { TemplateRegistry } from '@hatago/mail';
import type { AppDeps } from '@hatago/runtime';
import type { SpanStore } from '@hatago/telemetry';

/** Cancellations publish through the cache, so cached hotel pages show the rooms given back. */
export interface OperatorAppDeps extends AppDeps {
  /** The platform's mail templates: they mark the bodies staff may not read (password reset links). */
  mailTemplates: TemplateRegistry;
  /** Embedded mode's recent traces; elsewhere traces go to a collector and the console has none. */
  traces?: SpanStore;
}
