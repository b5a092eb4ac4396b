import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { BackupSection } from '../backup/BackupSection';
import { CaptureSection } from '../capture-settings/CaptureSection';
import { DiagnosticsSection } from '../diagnostics/DiagnosticsSection';
import { StartupSection } from '../startup/StartupSection';
import { ExportSection } from '../import/ExportSection';
import { ImportSection } from '../import/ImportSection';
import { ProjectsSection } from '../projects/ProjectsSection';
import { PeopleSection } from '../reports/PeopleSection';
import { RemindersSection } from '../reminders/RemindersSection';
import { useEstimates } from '../projects/use-estimates';
import { WorkspaceDefaults } from './WorkspaceDefaults';
import { UpdatesSection } from '../updates/UpdatesSection';
import { useUi } from '../../app/ui-store';
import { api } from '../../platform/api';
import './settings.css';

const sections = [
  { id: 'projects', label: 'Projects & clients' },
  { id: 'rates', label: 'Rates & rounding' },
  { id: 'people', label: 'People and costs' },
  { id: 'import', label: 'Import & export' },
  { id: 'capture', label: 'Activity capture' },
  { id: 'updates', label: 'Updates' },
  { id: 'backups', label: 'Backups' },
  { id: 'reminders', label: 'Reminders' },
  { id: 'startup', label: 'Startup' },
  { id: 'help', label: 'Help and diagnostics' },
  { id: 'about', label: 'About' },
] as const;
type SectionId = (typeof sections)[number]['id'];

/** `#/settings/capture` (useUi's section) opens the screen at that section, e.g. from Review. */
function sectionOf(id: string | null): SectionId | null {
  return sections.find((s) => s.id === id)?.id ?? null;
}

function jumpTo(id: SectionId) {
  const section = document.getElementById(`settings-${id}`);
  section?.scrollIntoView({ block: 'start' });
  section?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  if (window.location.hash !== `#/settings/${id}`) window.history.replaceState(null, '', `#/settings/${id}`);
}

/**
 * The sections above a requested one fill in as their data loads, which pushes it down out of
 * view; until the user scrolls, clicks or types, each such growth brings it back to the top.
 */
function keepInView(id: SectionId): () => void {
  const section = document.getElementById(`settings-${id}`);
  const scroller = document.getElementById('main');
  if (!section?.parentElement || !scroller || typeof ResizeObserver === 'undefined') return () => {};
  const inputs = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
  const observer = new ResizeObserver(() => section.scrollIntoView({ block: 'start' }));
  const stop = () => {
    observer.disconnect();
    for (const type of inputs) scroller.removeEventListener(type, stop);
  };
  observer.observe(section.parentElement);
  for (const type of inputs) scroller.addEventListener(type, stop, { passive: true });
  return stop;
}

export function SettingsScreen() {
  const estimatesFor = useEstimates();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requested = sectionOf(useUi((s) => s.section));
  const [current, setCurrent] = useState<SectionId>(() => requested ?? 'projects');
  useEffect(() => {
    void api.invoke('app:getInfo').then((r) => (r.ok ? setInfo(r.value) : setError(r.error.message)));
  }, []);
  useEffect(() => {
    if (!requested) return;
    jumpTo(requested);
    return keepInView(requested);
  }, [requested]);
  /** While a jump scrolls, the clicked section stays current (the last ones may never reach the top). */
  const jumping = useRef(false);
  // The nav follows scrolling: the first section in the top third of the scroller is current.
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const inBand = new Set<string>();
    const observer = new IntersectionObserver((changes) => {
      for (const c of changes) {
        if (c.isIntersecting) inBand.add(c.target.id);
        else inBand.delete(c.target.id);
      }
      const first = sections.find((s) => inBand.has(`settings-${s.id}`));
      if (first && !jumping.current) setCurrent(first.id);
    }, { root: document.getElementById('main'), rootMargin: '0px 0px -66% 0px' });
    for (const s of sections) {
      const el = document.getElementById(`settings-${s.id}`);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, []);

  const go = (id: SectionId) => {
    jumping.current = true;
    setTimeout(() => {
      jumping.current = false;
    }, 800);
    setCurrent(id);
    jumpTo(id);
  };
  const card = (id: SectionId, title: string, body: ReactNode) => (
    <section className="card" id={`settings-${id}`} aria-labelledby={`settings-${id}-title`}>
      <h2 id={`settings-${id}-title`} tabIndex={-1}>{title}</h2>
      {body}
    </section>
  );

  return (
    <>
      <ScreenHeader title="Settings" subtitle="How Track Nexus works for you" />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#/settings/${s.id}`} aria-current={current === s.id ? 'true' : undefined}
                  onClick={(e) => { e.preventDefault(); go(s.id); }}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-sections">
          {card('projects', 'Projects & clients', <ProjectsSection estimatesFor={estimatesFor} />)}
          {card('rates', 'Rates & rounding', <WorkspaceDefaults />)}
          {card('people', 'People and costs', <PeopleSection />)}
          {card('import', 'Import & export', (
            <>
              <ImportSection />
              <h3 className="subsection">Export</h3>
              <ExportSection />
            </>
          ))}
          {card('capture', 'Activity capture', <CaptureSection />)}
          {card('updates', 'Updates', <UpdatesSection />)}
          {card('backups', 'Backups', <BackupSection />)}
          {card('reminders', 'Reminders', <RemindersSection />)}
          {card('startup', 'Startup', <StartupSection />)}
          {card('help', 'Help and diagnostics', <DiagnosticsSection />)}
          <section className="card" id="settings-about" aria-labelledby="about-title">
            <h2 id="about-title" tabIndex={-1}>About</h2>
            {error ? <p role="alert" className="error">{error}</p> : null}
            {info ? (
              <dl className="facts">
                <dt>Version</dt><dd>{info.version}</dd>
                <dt>Running as</dt><dd>{info.shell === 'electron' ? 'Desktop app' : 'Browser harness (npm run web)'}</dd>
                <dt>Platform</dt><dd>{info.platform}</dd>
                <dt>Appearance</dt><dd>Follows your system’s light or dark setting</dd>
              </dl>
            ) : !error ? <p className="muted">Loading…</p> : null}
          </section>
        </div>
      </div>
    </>
  );
}
