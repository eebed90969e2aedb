import type { TemplateRegistry } from '@hatago/mail';
import type { AppDeps } from '@hatago/runtime';

/** Cancellations publish through the cache, so cached hotel pages show the rooms given back. */
export interface OperatorAppDeps extends AppDeps {
  /** The platform's mail templates: they mark the bodies staff may not read (password reset links). */
  mailTemplates: TemplateRegistry;
}
