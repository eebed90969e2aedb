export { openDatabase, tablesOf, type Database, type DatabaseConfig, type Executor } from './database.ts';
export { DbErrors } from './db-errors.ts';
export { migrateToLatest, MigrationFailedError, type ModuleMigrations } from './migrations.ts';
export { isUniqueViolation, isCheckViolation } from './pg-errors.ts';
export { runDatabaseCommand } from './postgres/database-command.ts';
