// What Settings › Projects & clients shows and the choices made on it: the clients, projects, rate
// cards and settings read live, which rows are open, which editor is open, and the rate in force
// today for a project or a new one.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { today } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import type { Settings } from '../../db/repos/settings-repo';
import type { ClientRow, ProjectRow, RateCardRow } from '../../db/schema';
import type { ProjectBudgetUse } from '../budgets/budget-usage';
import { useBudgetUses } from '../budgets/use-budget-uses';
import type { EstimateChoice } from './BillingSection';
import { cardInForce } from './RateHistory';

/** The editor open on the section: a project's (new, or new for a client) or a client's. */
type SectionEditorState =
  | { kind: 'project'; project?: ProjectRow; clientId?: string | null }
  | { kind: 'client'; client?: ClientRow };

/** The QuickBooks Estimates a project's progress budget can be taken from (none: no picker). */
export type EstimatesFor = (project: ProjectRow | undefined) => readonly EstimateChoice[];

interface RatesInForce {
  projectCard?: RateCardRow;
  clientCard?: RateCardRow;
  defaultCard?: RateCardRow;
  /** The one that applies: the project's, else the client's, else the default. */
  rate?: RateCardRow;
}

export interface ProjectsView {
  clients: ClientRow[];
  visibleClients: ClientRow[];
  cards: RateCardRow[];
  settings: Settings;
  todayDate: string;
  budgetUses: ReadonlyMap<string, ProjectBudgetUse>;
  showArchived: boolean;
  setShowArchived: (show: boolean) => void;
  editor: SectionEditorState | null;
  setEditor: (editor: SectionEditorState | null) => void;
  estimatesFor?: EstimatesFor;
  isOpen: (id: string) => boolean;
  toggle: (id: string) => void;
  /** A client's shown projects; null: those without a (known) client. */
  projectsOf: (clientId: string | null) => ProjectRow[];
  cardsOf: (scope: RateCardRow['scope'], id: string) => RateCardRow[];
  rateOf: (project: ProjectRow | undefined, clientId: string | null) => RatesInForce;
}

/** Null while the reads are loading. */
export function useProjectsView(estimatesFor?: EstimatesFor): ProjectsView | null {
  const repos = useRepos();
  const budgetUses = useBudgetUses();
  const clients = useLiveQuery(() => repos.clients.list({ includeArchived: true }), [repos]);
  const projects = useLiveQuery(() => repos.projects.list({ includeArchived: true }), [repos]);
  const cards = useLiveQuery(() => repos.rates.listAll(), [repos]);
  const settings = useLiveQuery(() => repos.settings.getAll(), [repos]);
  const [showArchived, setShowArchived] = useState(false);
  const [editor, setEditor] = useState<SectionEditorState | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // After a project's editor closes, its Edit button gets the focus back, which scrolls its row (and
  // its budget bar) into view: the taller editor had the page scrolled further down.
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (editor !== null || returnTo.current === null) return;
    document.getElementById(`edit-project-${returnTo.current}`)?.focus();
    returnTo.current = null;
  }, [editor]);
  if (!clients || !projects || !cards || !settings) return null;
  const openEditor = (next: SectionEditorState | null) => {
    if (next === null && editor?.kind === 'project' && editor.project) returnTo.current = editor.project.id;
    setEditor(next);
  };

  const todayDate = today();
  const clientIds = new Set(clients.map((c) => c.id));
  const cardsOf = (scope: RateCardRow['scope'], id: string) => cards.filter((c) => c.scope === scope && c.scopeId === id);
  const toggle = (id: string) => setOpen((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const rateOf = (p: ProjectRow | undefined, clientId: string | null): RatesInForce => {
    const projectCard = p ? cardInForce(cardsOf('project', p.id), todayDate) : undefined;
    const clientCard = clientId ? cardInForce(cardsOf('client', clientId), todayDate) : undefined;
    const defaultCard = cardInForce(cardsOf('default', ''), todayDate);
    return { projectCard, clientCard, defaultCard, rate: projectCard ?? clientCard ?? defaultCard };
  };
  const projectsOf = (clientId: string | null) =>
    projects.filter((p) => (clientId === null ? p.clientId === null || !clientIds.has(p.clientId) : p.clientId === clientId) && (showArchived || !p.archived));
  return {
    clients, visibleClients: clients.filter((c) => showArchived || !c.archived), cards, settings, todayDate, budgetUses,
    showArchived, setShowArchived, editor, setEditor: openEditor, estimatesFor,
    isOpen: (id) => open.has(id), toggle, projectsOf, cardsOf, rateOf,
  };
}
