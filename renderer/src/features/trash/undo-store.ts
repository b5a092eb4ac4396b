// The notice after a delete ("Deleted 09:00–10:00 Acme · Website. Undo · Open trash"): transient UI
// state, shown by UndoNotice in the app shell so it outlives the list the entry left.
import { create } from 'zustand';

interface DeletedNotice {
  entryIds: string[];
  /** undoText(): what was deleted and what QuickBooks keeps. */
  text: string;
  /** Set when Undo failed, in the user's words. */
  error?: string;
}

interface UndoState {
  notice: DeletedNotice | null;
  show(notice: DeletedNotice): void;
  dismiss(): void;
}

export const useUndoDelete = create<UndoState>((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));
