// The editor open on Settings › Projects & clients, shown where it was opened ('top' for a new
// client or project, else the client's or project's id): a project's, or a client's name.
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, RoundingPolicy } from '../../db/schema';
import { Field } from '../settings/Field';
import { saveClient } from './actions';
import { ProjectEditor } from './ProjectEditor';
import { rateText } from './rules';
import type { ProjectsView } from './use-projects-view';

export function SectionEditor({ where, view }: { where: 'top' | string; view: ProjectsView }) {
  const { editor, settings } = view;
  const done = () => view.setEditor(null);
  if (editor?.kind === 'client' && (editor.client?.id ?? 'top') === where) return <ClientEditor client={editor.client} onDone={done} />;
  if (editor?.kind !== 'project' || (editor.project?.id ?? 'top') !== where) return null;
  const { rate } = view.rateOf(editor.project, editor.project?.clientId ?? editor.clientId ?? null);
  return (
    <ProjectEditor project={editor.project} clients={view.clients} presetClientId={editor.clientId} currency={settings.currency}
      workspaceRounding={settings.rounding as RoundingPolicy} today={view.todayDate} projectRate={rate ? rateText(rate.rateMinor, rate.currency) : null}
      estimates={view.estimatesFor?.(editor.project) ?? []} onDone={done} />
  );
}

function ClientEditor({ client, onDone }: { client?: ClientRow; onDone: () => void }) {
  const repos = useRepos();
  const [name, setName] = useState(client?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const heading = client ? `Rename client “${client.name}”` : 'New client';

  async function submit() {
    const result = await saveClient(repos, name, client?.id);
    if (result.ok) onDone();
    else setError(result.errors.name ?? null);
  }

  return (
    <form className="editor" aria-label={heading} onChange={() => setError(null)} onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }}>
      <h3>{heading}</h3>
      <div className="inline-form">
        <Field label="Client name" error={error}><input value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="off" /></Field>
        <div className="set-field"><span className="set-label">&nbsp;</span>
          <div className="inline-form">
            <button type="submit" className="button primary">{client ? 'Save' : 'Create client'}</button>
            <button type="button" className="button" onClick={onDone}>Cancel</button>
          </div>
        </div>
      </div>
    </form>
  );
}
