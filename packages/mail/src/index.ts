export { mailMigrations } from './migrations/index.ts';
export {
  enqueueMail,
  enqueueMails,
  enqueueNotice,
  prepareMail,
  prepareNotice,
  type Enqueued,
  type MailRequest,
  type NoticeRequest,
  type PreparedMail,
} from './outbox/enqueue-mail.ts';
export {
  emailTemplate,
  noticeTemplate,
  type EmailTemplate,
  type Locale,
  type NoticeTemplate,
  type Rendered,
  type RenderedEmail,
  type RenderedNotice,
  type Template,
} from './templates/template.ts';
export { createTemplateRegistry, type TemplateRegistry } from './templates/template-registry.ts';
export { factsHtml, factsText, mailLayout, textLayout, type Facts } from './templates/mail-layout.ts';
export { renderLinkMail, type LinkMailCopy } from './templates/link-mail.ts';
export { renderParagraphMail } from './templates/paragraph-mail.ts';
export { formatStayDate, formatYen } from './templates/format.ts';
export { escapeSlack, sectionBlock } from './templates/slack-text.ts';
export { operatorAlert } from './templates/operator-alert.ts';
export { listMailForReference, type MailSummary } from './outbox/mail-for-reference.ts';
export { MAIL_STATUSES, type MailChannel, type MailStatus, type MailTables } from './mail-tables.ts';
export { isSuppressed } from './suppression/is-suppressed.ts';
export { parseSendgridBatch, SENDGRID_EVENTS, type ProviderEvent, type SendgridEventType } from './events/sendgrid-events.ts';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, sendgridPublicKey, verifySendgridSignature, type SignatureVerdict } from './events/sendgrid-signature.ts';
export { recordProviderEvents, type RecordOutcome } from './events/record-provider-events.ts';
export {
  liftSuppression,
  listSuppressions,
  suppressAddress,
  LIFT_REASON_MAX,
  type Suppression,
  type SuppressionFilter,
  type SuppressionReason,
} from './suppression/suppressions.ts';
export { HISTORY_PAGE_SIZE, parseMailHistoryFilter, type MailHistoryFilter, type MailHistoryForm } from './history/history-filter.ts';
export { mailHistoryQuery, searchMailHistory, type MailHistoryItem, type MailHistoryPage } from './history/search-history.ts';
export { getMailMessage, type MailMessageDetail, type MailTimelineEntry } from './history/message-detail.ts';
export { discardMessage, OPERATOR_ACTIONABLE, retryMessage, type OperatorMailAction } from './history/operator-actions.ts';
export { getSinkMessage, listSinkMessages, MAILBOX_PAGE_SIZE, type SinkMessage, type SinkMessageSummary } from './history/sink-mailbox.ts';
export { MailRetentionEnv, purgeMailBodies, type PurgeOptions } from './retention/purge-bodies.ts';
export { startMailWorkers, type DeliveryObserver, type MailWorkerOptions, type MailWorkers } from './delivery/mail-workers.ts';
export { claimMessages, mailQueueDepth, oldestDueMessageAge, recordOutcome, releaseMessages, type ClaimedMessage, type Outcome } from './delivery/message-lease.ts';
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './delivery/retry-policy.ts';
export { asSendError, MESSAGE_ID_HEADER, permanentFailure, SendError, transientFailure, type MailProvider, type OutgoingMessage, type SendResult } from './providers/mail-provider.ts';
export { SendgridProvider, sendgridRequestBody, type SendgridOptions } from './providers/sendgrid/sendgrid-provider.ts';
export { SmtpProvider, type SmtpOptions } from './providers/smtp/smtp-provider.ts';
export { SinkProvider } from './providers/sink/sink-provider.ts';
export { SlackProvider, type SlackOptions } from './providers/slack/slack-provider.ts';
export { startRetentionPurge, type RetentionSchedule } from './retention/retention-schedule.ts';
export { MailErrors } from './mail-errors.ts';
