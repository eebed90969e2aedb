export { renderPage, renderErrorPage, type PageShell } from './page-shell.ts';
export { WebKitErrors } from './web-kit-errors.ts';
export { field, textArea, select, formAlert, errorFor, yen, type FieldSpec } from './forms.ts';
export { readSessionCookie, writeSessionCookie, clearSessionCookie, clientOf, type SessionCookieSpec } from './session-cookie.ts';
export { rejectCrossSiteWrites } from './cross-site-forms.ts';
export { registerStaffLogin, type StaffLoginOptions } from './staff-login.ts';
export { renderConsolePage, type ConsoleShell } from './console-page.ts';
export { localRedirect } from './local-redirect.ts';
export { pagination, pageLinkWith, type PaginationLabels } from './pagination.ts';
