import { bookingMails } from '@hatago/booking';
import { catalogNotices } from '@hatago/catalog';
import { diningMails } from '@hatago/dining';
import { flagsNotices } from '@hatago/flags';
import { identityMails } from '@hatago/identity';
import { createTemplateRegistry, operatorAlert } from '@hatago/mail';

/**
 * Every template Hatago's modules send, for the workers to render stored messages by name.
 * A module's new mail joins through the list that module exports; mail itself owns only
 * the operator alert.
 */
export const platformTemplates = createTemplateRegistry([...bookingMails, ...diningMails, ...identityMails, ...catalogNotices, ...flagsNotices, operatorAlert]);
