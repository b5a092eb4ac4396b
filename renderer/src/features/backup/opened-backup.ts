// A backup file the system opened the app with (a double-click on a .tnbackup file): main keeps it
// until the window takes it with backup:takeOpenedFile, at start (it may have been opened before the
// window listened) and on each backup:fileOpened. It waits here, with the app turned to Settings ›
// Backups, until that section shows its restore preview, as if chosen with "Restore from a file…".
import { useEffect } from 'react';
import { create } from 'zustand';
import type { OpenedBackupFile, RendererApi } from '../../../../shared/ipc/contract';
import { useUi } from '../../app/ui-store';

const useOpenedBackup = create<{ file: OpenedBackupFile | null }>(() => ({ file: null }));

async function take(api: RendererApi): Promise<void> {
  const r = await api.invoke('backup:takeOpenedFile');
  if (!r.ok || !r.value) return;
  useOpenedBackup.setState({ file: r.value });
  useUi.getState().go('settings', 'backups');
}

/** Takes a file opened before the window listened, then each one opened later; returns the stop. */
export function startOpenedBackups(api: RendererApi): () => void {
  const stop = api.on('backup:fileOpened', () => void take(api));
  void take(api);
  return stop;
}

/** Hands each opened file to `show` once, when it arrives or when the section showing it mounts. */
export function useOpenedBackupFile(show: (file: OpenedBackupFile) => void): void {
  const file = useOpenedBackup((s) => s.file);
  useEffect(() => {
    if (!file) return;
    useOpenedBackup.setState({ file: null });
    show(file);
  }, [file, show]);
}
