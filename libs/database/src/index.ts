// Owns: connecting to Postgres, creating the database, applying migrations, quoting identifiers.
// Must not import: any @lib but config and errors; it knows no entity (callers pass their schema).
export { cancelOnAbort } from './cancel-on-abort';
export { DatabaseUnreachableError } from './database-unreachable.error';
export { IdentifierTooLongError } from './identifier-too-long.error';
export { dataSourceOptions, openDataSource } from './open-data-source';
export { QualifiedTableName } from './qualified-table-name';
export { SeqCursor } from './seq-cursor';
export { GroupCommit } from './group-commit';
export { preparedQuery } from './prepared-query';
export { retryWhileUnreachable } from './retry-while-unreachable';
export { isTransientDatabaseError } from './transient-database-error';
export { quotedIdentifier } from './quoted-identifier';
export { DatabaseModule } from './database.module';
export type { DatabaseSchema } from './database-schema';
export { ChannelListener } from './channel-listener';
export type { ChannelHandlers } from './channel-listener';
export { DatabaseUrl } from './database-url';
