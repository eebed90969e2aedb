export { createTestDatabase, testDatabaseTargets, type TestDatabase, type TestDatabaseTarget } from './test-database.ts';
export { testAppDeps, cookieFrom } from './test-apps.ts';
export { futureDate } from './dates.ts';
