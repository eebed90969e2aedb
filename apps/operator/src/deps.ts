import type { TemplateRegistry } from '@hatago/mail';
import type { EdgePurger } from '@hatago/platform/edge';
import type { PaymentProvider } from '@hatago/payments';
import type { AppDeps } from '@hatago/runtime';
import type { ObjectStorage } from '@hatago/storage';
import type { SpanStore } from '@hatago/telemetry';
import type { SreSnapshot } from '@hatago/slo';

/** Cancellations publish through the cache, so cached hotel pages show the rooms given back. */
export interface OperatorAppDeps extends AppDeps {
  /** The platform's mail templates: they mark the bodies staff may not read (password reset links). */
  mailTemplates: TemplateRegistry;
  /** Where banner images are uploaded (a local directory embedded, S3 distributed), never a process's disk. */
  storage: ObjectStorage;
  /** Purges the edge's banner pages on every publish (standalone processes; the embedded platform purges centrally). */
  edgePurger?: EdgePurger;
  /** Embedded mode's recent traces; elsewhere traces go to a collector and the console has none. */
  traces?: SpanStore;
  /** The embedded platform's in-process SLO evaluation; a distributed deployment has Prometheus instead and no /operator/sre. */
  sre?: { snapshot(): SreSnapshot };
  /** Captures the fee of a table cancelled on a guest's behalf, or lets its hold go (default: the sandbox, as the guest app's). */
  payments?: PaymentProvider;
}
