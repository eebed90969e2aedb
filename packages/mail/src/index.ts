export { mailMigrations } from './migrations/index.ts';
export { enqueueMail, MAIL_TEMPLATES, type MailRequest, type MailTables, type MailTemplate } from './outbox/enqueue-mail.ts';
export { listMailForReference, type MailSummary } from './outbox/mail-for-reference.ts';
