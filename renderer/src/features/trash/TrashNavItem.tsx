// The sidebar's "Trash" item below the main five, with how many entries wait in it.
import { useLiveQuery } from 'dexie-react-hooks';
import { Icon } from '../../components/Icon';
import { useRepos } from '../../data/repos-context';
import { TRASH_KEEP_DAYS } from '../../db/repos/trash-repo';
import './trash.css';

export function TrashNavItem({ current, onOpen }: { current: boolean; onOpen: () => void }) {
  const repos = useRepos();
  const count = useLiveQuery(() => repos.trash.count(), [repos]);
  return (
    <a href="#/trash" className="nav-item nav-trash" aria-current={current ? 'page' : undefined}
      title={`Deleted entries, kept for ${TRASH_KEEP_DAYS} days`}
      onClick={(e) => { e.preventDefault(); onOpen(); }}>
      <Icon name="trash" size={16} /> <span>Trash</span>
      {count ? <span className="nav-count" aria-label={`${count} deleted ${count === 1 ? 'entry' : 'entries'}`}>{count}</span> : null}
    </a>
  );
}
