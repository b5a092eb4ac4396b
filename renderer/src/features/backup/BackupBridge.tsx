// Runs the automatic daily backup while the app runs (see daily-backup.ts), and takes the backup
// files the system opens the app with (opened-backup.ts). Renders nothing.
import { useEffect } from 'react';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';
import { startDailyBackups } from './daily-backup';
import { startOpenedBackups } from './opened-backup';

export function BackupBridge() {
  const repos = useRepos();
  useEffect(() => startDailyBackups(api, repos.backup), [repos]);
  useEffect(() => startOpenedBackups(api), []);
  return null;
}
