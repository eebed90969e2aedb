import { defineErrorCodes } from '@hatago/platform/errors';

export const IncidentErrors = defineErrorCodes(
  'INCIDENT_NOT_FOUND',
  'INVALID_INCIDENT', // the form breaks its rules (title, severity, cause, times)
  'INCIDENT_RESOLVED', // a resolved incident takes no more changes but its postmortem
);
