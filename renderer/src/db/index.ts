// The local data layer's public face: open the database, build the repositories over it, and the row
// types screens render. Screens call repositories inside useLiveQuery and never import Dexie.
export { openDatabase, DEFAULT_DB_NAME, type TrackNexusDb, type OpenOptions } from './database';
export { createRepos, type Repos } from './repos';
export * from './errors';
export type * from './schema';
export { latestVersion } from './versions';
