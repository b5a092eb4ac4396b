import type { SchemaVersion } from './types';

// Indexes follow the queries the screens make; anything else is filtered from an index range.
export const v1: SchemaVersion = {
  version: 1,
  why: 'First schema: clients, projects, tasks, rate cards, entries, activity, settings, audit log.',
  stores: {
    clients: 'id, name',
    projects: 'id, clientId, name',
    tasks: 'id, projectId',
    // Compound so "the cards for this project, by date" is one range.
    rateCards: 'id, [scope+scopeId+effectiveFrom]',
    // &importKey: unique, and IndexedDB leaves rows without the property out of the index, so entries
    // that were not imported never collide. `running` is 1 only on the running timer (null is not
    // indexable, so `end === null` could not be found without a scan). deletedAt is indexed only
    // when set, which makes the trash one index range.
    entries: 'id, start, [projectId+start], status, &importKey, deletedAt, running',
    segments: 'id, start, localDate',
    awayPeriods: 'id, start, localDate',
    settings: 'key',
    audit: '++id, [entityId+at], at, entityType',
  },
};
