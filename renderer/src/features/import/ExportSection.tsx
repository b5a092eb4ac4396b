// Settings › Export: entries of a date range as CSV with raw and rounded durations, rates and amounts.
import { useState } from 'react';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { Field } from '../settings/Field';
import { buildExport, checkRange, downloadText, thisMonth } from './export';

export function ExportSection() {
  const repos = useRepos();
  const zone = currentZone();
  const [range, setRange] = useState(() => thisMonth(zone));
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = checkRange(range.from, range.to);

  async function run() {
    if (problem) return;
    setBusy(true);
    try {
      const { csv, count } = await buildExport(repos, range.from, range.to, zone);
      downloadText(csv, `track-nexus-${range.from}-to-${range.to}.csv`);
      setMessage({ tone: 'ok', text: count === 0 ? 'No finished entries in that range; the file has only the header row.' : `Exported ${count} ${count === 1 ? 'entry' : 'entries'}.` });
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="lead">One row per finished entry: its raw and its rounded duration (each project’s rounding, so anyone can see what rounding added), its rate and amount, its tags and its status.</p>
      <form className="inline-form" aria-label="Export entries" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <Field label="From"><input type="date" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} /></Field>
        <Field label="To" error={problem}><input type="date" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} /></Field>
        <div className="set-field"><span className="set-label">&nbsp;</span><button type="submit" className="button primary" disabled={busy || problem !== null}>Export CSV</button></div>
      </form>
      {message ? <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'set-field-error' : 'muted'}>{message.text}</p> : null}
    </>
  );
}
