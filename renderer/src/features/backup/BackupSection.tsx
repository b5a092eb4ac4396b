// Settings › Backups: the last daily backup and where they are kept, "Back up now", "Export
// workspace…" (a download) and "Restore from a file…", which always shows the dry-run first and
// restores only into an empty workspace. A backup from an older version is upgraded before the dry-run.
// A backup file the system opened the app with (opened-backup.ts) gets the same preview.
import { useEffect, useState } from 'react';
import { BACKUP_EXTENSION, BACKUP_MIME_TYPE, type BackupStatus } from '../../../../shared/ipc/contract';
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';
import { downloadText } from '../import/export';
import { backupText, backUpNow } from './daily-backup';
import { useOpenedBackupFile } from './opened-backup';
import { describeChanges } from './restore';
import { upgradedNote } from './upgrade-backup';
import type { BackupDocument } from './workspace-backup';

type Message = { tone: 'ok' | 'error'; text: string } | null;
interface Preview { name: string; backup: BackupDocument; lines: string[]; empty: boolean; upgradedFrom: number | null }

function StatusFacts({ status }: { status: BackupStatus }) {
  return (
    <dl className="facts">
      <dt>Last backup</dt><dd>{status.lastBackupAt === null ? 'None yet' : formatDateTime(status.lastBackupAt, currentZone())}</dd>
      <dt>Kept in</dt><dd><code>{status.folder}</code> (the last {status.keep} days)</dd>
    </dl>
  );
}

// Long because it is one small form: status, three actions and the restore preview share the message line.
export function BackupSection() {
  const repos = useRepos();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.invoke('backup:getStatus').then((r) => (r.ok ? setStatus(r.value) : setMessage({ tone: 'error', text: r.error.message })));
  }, []);

  async function act(work: () => Promise<Message>) {
    setBusy(true);
    try {
      setMessage(await work());
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }
  const backUp = () => act(async () => {
    const r = await backUpNow(api, repos.backup);
    if (!r.ok) return { tone: 'error', text: r.error.message };
    setStatus(r.value);
    return { tone: 'ok', text: 'Backed up.' };
  });
  const exportFile = () => act(async () => {
    const r = await backupText(api, repos.backup);
    if (!r.ok) return { tone: 'error', text: r.error.message };
    downloadText(r.value, `track-nexus-workspace-${new Date().toISOString().slice(0, 10)}.${BACKUP_EXTENSION}`, BACKUP_MIME_TYPE);
    return { tone: 'ok', text: 'Workspace exported. QuickBooks sign-ins are not in the file: after a restore, connect each company again.' };
  });
  const choose = (name: string, read: () => Promise<string>) => act(async () => {
    setPreview(null);
    const opened = await repos.backup.open(await read());
    if (!opened.ok) return { tone: 'error', text: opened.reason };
    const lines = describeChanges(await repos.backup.dryRun(opened.backup));
    setPreview({ name, backup: opened.backup, lines, empty: await repos.backup.isEmpty(), upgradedFrom: opened.upgradedFrom });
    return null;
  });
  useOpenedBackupFile((file) => {
    if (file.ok) void choose(file.name, async () => file.text);
    else setMessage({ tone: 'error', text: file.problem });
  });
  const restore = (backup: BackupDocument) => act(async () => {
    const r = await repos.backup.restore(backup);
    if (!r.ok) return { tone: 'error', text: r.reason };
    setPreview(null);
    const files = await api.invoke('backup:restoreFiles', { files: backup.files });
    if (!files.ok) return { tone: 'error', text: `Your workspace was restored (${r.rows} rows), but its QuickBooks and capture settings were not: ${files.error.message}` };
    return { tone: 'ok', text: `Restored ${r.rows} rows; your screens now show the restored workspace. Restart Track Nexus to bring back its QuickBooks companies, then connect each again (sign-ins are never in a backup).` };
  });

  return (
    <>
      <p className="lead">Track Nexus backs up your whole workspace once a day while it runs and keeps the last seven. QuickBooks sign-ins and passwords are never in a backup.</p>
      {status ? <StatusFacts status={status} /> : null}
      <div className="inline-form">
        <button type="button" className="button primary" disabled={busy} onClick={() => void backUp()}>Back up now</button>
        <button type="button" className="button" disabled={busy} onClick={() => void exportFile()}>Export workspace…</button>
        <label className="button">
          Restore from a file…
          <input type="file" accept={`.${BACKUP_EXTENSION},.json,application/json`} hidden disabled={busy}
            onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void choose(f.name, () => f.text()); }} />
        </label>
      </div>
      {preview ? (
        <div role="region" aria-label="Restore preview" className="restore-preview">
          {preview.upgradedFrom === null ? null : <p>{upgradedNote(preview.upgradedFrom)}</p>}
          <p>Restoring {preview.name} would change:</p>
          <ul>{preview.lines.map((line) => <li key={line}>{line}</li>)}</ul>
          {preview.empty ? null : (
            <p role="alert" className="set-field-error">This workspace already holds work, so the backup cannot be restored over it. The list above is only a dry-run; nothing was changed.</p>
          )}
          <div className="inline-form">
            {preview.empty ? (
              <button type="button" className="button primary" disabled={busy} onClick={() => void restore(preview.backup)}>Restore this backup</button>
            ) : null}
            <button type="button" className="button" disabled={busy} onClick={() => setPreview(null)}>Cancel</button>
          </div>
        </div>
      ) : null}
      {message ? <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'set-field-error' : 'muted'}>{message.text}</p> : null}
    </>
  );
}
