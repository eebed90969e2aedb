export { createTestDatabase, testDatabaseTargets, type TestDatabase, type TestDatabaseTarget } from './test-database.ts';
export { testAppDeps, cookieFrom, staffSessionCookie, METRICS_AUTH, TEST_METRICS_TOKEN } from './test-apps.ts';
export { futureDate } from './dates.ts';
export { appUnderTest, type AppUnderTest } from './app-under-test.ts';
export { RecordingChanges, testBookingContext } from './recording-changes.ts';
export { defineFlag } from './flags.ts';
export { holdsSecret } from './secrets.ts';
