export { mailMigrations } from './migrations/index.ts';
export { enqueueMail, MAIL_TEMPLATES, type MailRequest, type MailTemplate } from './outbox/enqueue-mail.ts';
export { listMailForReference, type MailSummary } from './outbox/mail-for-reference.ts';
export { MAIL_STATUSES, type MailChannel, type MailStatus, type MailTables } from './mail-tables.ts';
