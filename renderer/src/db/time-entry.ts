// The TimeEntry shape, identical to the one shared/entries defines. It lives here only until
// shared/entries lands; then this file becomes a re-export so there is one copy of the truth.
export type EntrySource = 'timer' | 'manual' | 'activity' | 'import';
export type EntryStatus = 'draft' | 'approved' | 'synced' | 'invoiced' | 'paid';

export interface TimeEntry {
  id: string;
  projectId: string | null;
  taskId: string | null;
  description: string;
  start: number;
  /** null = running */
  end: number | null;
  zone: string;
  source: EntrySource;
  billable: boolean;
  status: EntryStatus;
  version: number;
  createdAt: number;
  updatedAt: number;
  importKey?: string;
  deletedAt?: number | null;
}
