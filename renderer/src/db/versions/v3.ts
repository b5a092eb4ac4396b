import type { SchemaVersion } from './types';

/**
 * The matcher's memory: the user's rules and what it learned from confirmed days. Both stay in
 * IndexedDB with the rest of the captured data and never leave the machine.
 */
export const v3: SchemaVersion = {
  version: 3,
  why: 'Matcher rules and the learned model for the day-end review.',
  stores: {
    rules: 'id, projectId',
    matcherState: 'key',
  },
};
