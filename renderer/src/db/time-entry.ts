// The TimeEntry type is shared/entries' (one copy of the truth); the names below are conveniences.
import type { TimeEntry } from '../../../shared/entries/entry';

export type { EntryStatus, TimeEntry } from '../../../shared/entries/entry';
export type EntrySource = TimeEntry['source'];
