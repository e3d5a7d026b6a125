// The data store's public face: where a data folder's files live, the SQLite database with its numbered
// migrations, and opening a folder's database (checked, a damaged file set aside). Other capabilities import
// only this file.
export { dataPaths, defaultDataDir, type DataPaths } from './data-dir.ts';
export { applyMigrations, openDatabase, schemaVersion, type Migration, type OpenOptions } from './database.ts';
export { openDataStore, openExistingStore, StoreError, type DataStore, type StoreNotice } from './open.ts';
export { acquireDataLock, DataLockError, lockFileName, processAlive, type DataLock, type LockOwner } from './lock.ts';
export { checkTarget, placeFile, tempBeside, writeFileSafely, writeFileSafelySync, type SafeWriteOptions } from './safe-write.ts';
export {
  allOf,
  anyOf,
  cond,
  query,
  tupleQuery,
  whereClause,
  type Columns,
  type Params,
  type Query,
  type SqlPart,
  type SqlValue,
  type Tuple,
  type Write,
} from './sql.ts';
