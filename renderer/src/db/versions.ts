// Every schema version, oldest first. Append only: add v3.ts, v4.ts, … and list them here; never edit
// a released version (tests/renderer/db/migrations upgrade a database from each previous version).
import type { SchemaVersion } from './versions/types';
import { v1 } from './versions/v1';
import { v2 } from './versions/v2';
import { v3 } from './versions/v3';
import { v4 } from './versions/v4';
import { v5 } from './versions/v5';
import { v6 } from './versions/v6';
import { v7 } from './versions/v7';
import { v8 } from './versions/v8';
import { v9 } from './versions/v9';
import { v10 } from './versions/v10';

export type { SchemaVersion } from './versions/types';

export const schemaVersions: readonly SchemaVersion[] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10];

export const latestVersion = schemaVersions[schemaVersions.length - 1]!.version;
