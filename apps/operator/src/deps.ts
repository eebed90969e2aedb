import type { TemplateRegistry } from '@hatago/mail';
import type { PaymentProvider } from '@hatago/payments';
import type { AppDeps } from '@hatago/runtime';

/** Cancellations publish through the cache, so cached hotel pages show the rooms given back. */
export interface OperatorAppDeps extends AppDeps {
  /** The platform's mail templates: they mark the bodies staff may not read (password reset links). */
  mailTemplates: TemplateRegistry;
  /** Captures the fee of a table cancelled on a guest's behalf, or lets its hold go (default: the sandbox, as the guest app's). */
  payments?: PaymentProvider;
}
