// The TimeEntry type is shared/entries' (one copy of the truth); the names below are conveniences.
import type { TimeEntry } from '../../../shared/entries/entry';

export type { TimeEntry } from '../../../shared/entries/entry';
export type EntrySource = TimeEntry['source'];
export type EntryStatus = TimeEntry['status'];
