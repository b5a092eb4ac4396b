// Which QuickBooks company each client and project goes to, shown on the Mapping tab once the
// workspace has more than one company. A project follows its client unless given a company of its
// own. Moving time that QuickBooks already holds deletes it from the old company (after asking)
// and sends it to the new one once its projects are linked there.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { QboStatus } from '../../../../shared/ipc/contract';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow } from '../../db/schema';
import { companyOfProject } from './store/sync-context';
import { companyLabel } from './use-companies';
import { PRIMARY_COMPANY } from '../../../../shared/qbo/company';

type Target = { clientId: string } | { projectId: string };
interface Pending {
  target: Target;
  /** null: the project follows its client again. */
  companyId: string | null;
  /** Where its time goes after the move. */
  to: string;
  what: string;
  held: number;
}

/** Long-ish because the move's three steps (ask when QuickBooks holds time, move, report) live with the list they start from. */
export function CompanyAssignment({ companies }: { companies: readonly QboStatus[] }) {
  const repos = useRepos();
  const data = useLiveQuery(async () => {
    const [clients, projects] = await Promise.all([repos.clients.list(), repos.projects.list()]);
    return { clients, projects };
  }, [repos]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!data) return null;
  const clientById = new Map(data.clients.map((c) => [c.id, c]));
  const nameOf = (id: string) => {
    const c = companies.find((x) => x.companyId === id);
    return c ? companyLabel(c) : 'a company no longer connected';
  };

  async function move(p: Pending) {
    const summary = await repos.sync.moveToCompany(p.target, p.companyId);
    setPending(null);
    setMessage(`${p.what} now goes to ${nameOf(p.to)}. Link it on this tab while ${nameOf(p.to)} is chosen${summary.planned > 0 ? `; ${summary.planned} change${summary.planned === 1 ? '' : 's'} to QuickBooks queued` : ''}.`);
  }

  async function choose(target: Target, companyId: string | null, what: string, clientId: string | null = null) {
    setMessage(null);
    const held = await repos.sync.syncedTimeIn(target);
    const to = companyId ?? companyOfProject({ clientId }, clientById);
    const next = { target, companyId, to, what, held };
    if (held > 0) setPending(next);
    else await move(next);
  }

  const select = (label: string, value: string, onChange: (v: string) => void, follow?: string) => (
    <CompanySelect label={label} value={value} onChange={onChange} companies={companies} {...(follow !== undefined ? { follow } : {})} />
  );
  const clientRow = (c: ClientRow) => (
    <li key={c.id}>
      <span>{c.name}</span>
      {select(`Company for client ${c.name}`, c.qboCompanyId ?? PRIMARY_COMPANY, (v) => void choose({ clientId: c.id }, v, c.name))}
    </li>
  );
  const projectRow = (p: ProjectRow) => {
    const client = p.clientId ? clientById.get(p.clientId) : undefined;
    const follows = client ? nameOf(client.qboCompanyId ?? PRIMARY_COMPANY) : undefined;
    return (
      <li key={p.id}>
        <span>{client ? `${client.name} › ${p.name}` : p.name}</span>
        {select(`Company for project ${p.name}`, p.qboCompanyId ?? (client ? '' : PRIMARY_COMPANY), (v) => void choose({ projectId: p.id }, v || null, p.name, p.clientId), follows)}
      </li>
    );
  };

  return (
    <div className="qbo-company-assignment">
      <h3>Which company</h3>
      <p className="muted">Each client's time goes to one QuickBooks company; a project can have its own. This tab links the projects of the company chosen above.</p>
      <ul className="qbo-assign-list">{data.clients.map(clientRow)}{data.projects.map(projectRow)}</ul>
      {pending ? <MoveConfirm pending={pending} onMove={() => void move(pending)} onKeep={() => setPending(null)} /> : null}
      {message ? <p role="status" className="qbo-ok">{message}</p> : null}
    </div>
  );
}

/** Asked before time QuickBooks holds moves: it is deleted there and sent again to the new company. */
function MoveConfirm({ pending, onMove, onKeep }: { pending: Pending; onMove: () => void; onKeep: () => void }) {
  const one = pending.held === 1;
  return (
    <div className="confirm" role="alertdialog" aria-label={`Move ${pending.what}?`}>
      <p>{pending.held} {one ? 'entry' : 'entries'} of {pending.what} {one ? 'is' : 'are'} in QuickBooks already. Moving deletes {one ? 'it' : 'them'} from the company {one ? 'it is' : 'they are'} in and sends {one ? 'it' : 'them'} to the new one once linked there. Invoiced time stays where it is.</p>
      <button type="button" className="button danger" onClick={onMove}>Move</button>
      <button type="button" className="button" onClick={onKeep}>Keep where it is</button>
    </div>
  );
}

/** The companies to choose from; `follow` offers "As its client" (the empty value) for a project. */
function CompanySelect(props: { label: string; value: string; onChange: (v: string) => void; companies: readonly QboStatus[]; follow?: string }) {
  return (
    <select aria-label={props.label} className="qbo-map-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.follow !== undefined ? <option value="">As its client ({props.follow})</option> : null}
      {props.companies.map((c) => <option key={c.companyId} value={c.companyId}>{companyLabel(c)}</option>)}
    </select>
  );
}
