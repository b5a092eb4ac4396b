// Keeps the trash's 30-day purge running for the whole window, whichever screen is open.
import { useEffect } from 'react';
import { useRepos } from '../../data/repos-context';
import { startTrashKeeper } from './trash-keeper';

export function TrashBridge() {
  const repos = useRepos();
  useEffect(() => startTrashKeeper(() => repos.trash.purgeExpired()), [repos]);
  return null;
}
