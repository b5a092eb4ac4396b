// Settings › Import: choose a CSV, recognise Toggl/Clockify/Harvest or map the columns of any
// other file, preview the rows and the problems, then import. Re-importing a file skips the rows
// already imported (importKey), so nothing lands twice.
import { useRef, useState } from 'react';
import type { DateFormat } from '../../../../shared/csv/fields';
import type { ColumnMapping } from '../../../../shared/csv/formats';
import type { ImportPreview } from '../../../../shared/csv/import';
import type { CsvRecord } from '../../../../shared/csv/parse';
import { formatDuration } from '../../../../shared/time/duration';
import { localDate } from '../../../../shared/time/zone';
import { formatClockTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { Field } from '../settings/Field';
import { runImport, type ImportOutcome } from './import-plan';
import { previewInBackground } from './preview-client';
import { dateFormatsFor, FORMAT_LABELS, guessMapping, MAPPABLE, readRecords, sniff } from './read-csv';

const PREVIEW_ROWS = 200;
const PROBLEM_ROWS = 200;

interface Chosen {
  name: string;
  text: string;
  headers: string[];
  /** For a file no tracker signature matched: its records, read once for date sampling. */
  records: CsvRecord[] | null;
  format: keyof typeof FORMAT_LABELS | null;
}

/** "Line 3: reason", without doubling the prefix when the parser already wrote it. */
const atLine = (line: number, reason: string) => (/^Line \d+:/.test(reason) ? reason : `Line ${line}: ${reason}`);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function outcomeText(o: ImportOutcome, problems: number): string {
  const parts = [`Imported ${plural(o.imported, 'entry', 'entries')}`, `skipped ${o.skipped} already imported`, `${plural(problems, 'row')} had problems`];
  return `${parts.join(', ')}.`;
}

export function ImportSection() {
  const repos = useRepos();
  const zone = currentZone();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [dateFormat, setDateFormat] = useState<DateFormat | ''>('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; created: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function choose(file: File | undefined) {
    setChosen(null);
    setPreview(null);
    setOutcome(null);
    setFileError(null);
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      const head = sniff(text);
      if (!head.ok) {
        setFileError(atLine(head.line, head.error));
        return;
      }
      if (head.format) {
        setChosen({ name: file.name, text, headers: head.headers, records: null, format: head.format });
        setPreview(await previewInBackground({ text, source: head.format, zone }));
        return;
      }
      const all = readRecords(text);
      if (!all.ok) {
        setFileError(atLine(all.line, all.error));
        return;
      }
      const guess = guessMapping(all.headers);
      const formats = dateFormatsFor(all.headers, all.records, guess);
      setChosen({ name: file.name, text, headers: all.headers, records: all.records, format: null });
      setMapping(guess);
      setDateFormat(formats.length === 1 ? formats[0]! : '');
    } catch (e) {
      setFileError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function previewMapped() {
    if (!chosen || !dateFormat) return;
    setOutcome(null);
    setBusy(true);
    try {
      setPreview(await previewInBackground({ text: chosen.text, source: { columns: mapping, dateFormat }, zone }));
    } catch (e) {
      setFileError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function doImport() {
    if (!preview) return;
    setBusy(true);
    try {
      const result = await runImport(repos, preview.rows);
      const created = result.createdClients + result.createdProjects > 0
        ? `Created ${plural(result.createdClients, 'client')} and ${plural(result.createdProjects, 'project')} named in the file.`
        : null;
      setOutcome({ text: outcomeText(result, preview.errors.length), created });
    } catch (e) {
      setOutcome({ text: `Nothing was imported: ${e instanceof Error ? e.message : String(e)}`, created: null });
    } finally {
      setBusy(false);
    }
  }

  const candidates = chosen?.records ? dateFormatsFor(chosen.headers, chosen.records, mapping) : [];
  const fatal = preview && preview.rows.length === 0 && preview.errors.length === 1 ? preview.errors[0]! : null;

  return (
    <>
      <p className="lead">Bring in time from Toggl Track, Clockify or Harvest (their detailed-report CSV exports), or any CSV by mapping its columns. You see every row before anything is saved; importing the same file again skips what is already here.</p>
      <div className="step-title"><span className="step">1</span><h3>Choose a CSV file</h3></div>
      <Field label="CSV file" hint="Toggl Track, Clockify, Harvest or any other CSV">
        <input ref={inputRef} type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} disabled={busy} />
      </Field>
      {busy && !preview ? <p className="muted" role="status">Reading the file…</p> : null}
      {fileError ? <div role="alert" className="notice error"><strong>This file could not be read</strong>{fileError}</div> : null}

      {chosen?.format ? (
        <p className="notice ok" role="status" data-testid="import-format">Looks like a {FORMAT_LABELS[chosen.format]} export{preview?.dateFormat ? ` (dates as ${preview.dateFormat})` : ''}.</p>
      ) : null}

      {chosen && !chosen.format ? (
        <>
          <div className="step-title"><span className="step">2</span><h3>Map the columns of “{chosen.name}”</h3></div>
          <p className="muted">This file is not from a tracker we recognise. Tell us which column holds what; leave out what the file does not have. You need a date with a start time or a duration (or a full start), and an end time or a duration.</p>
          <div className="mapping-grid">
            {MAPPABLE.map(({ key, label, hint }) => (
              <Field key={key} label={label} hint={hint}>
                <select value={mapping[key] ?? ''} onChange={(e) => {
                  const next = { ...mapping };
                  if (e.target.value) next[key] = e.target.value;
                  else delete next[key];
                  setMapping(next);
                  const formats = chosen.records ? dateFormatsFor(chosen.headers, chosen.records, next) : [];
                  if (dateFormat && !formats.includes(dateFormat)) setDateFormat(formats.length === 1 ? formats[0]! : '');
                  else if (!dateFormat && formats.length === 1) setDateFormat(formats[0]!);
                }}>
                  <option value="">Not in this file</option>
                  {chosen.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                </select>
              </Field>
            ))}
            <Field label="Date format" hint={candidates.length > 1 ? 'Several formats fit these dates: choose the one the file uses' : candidates.length === 0 ? 'No single format reads every date; bad ones will be listed' : undefined}>
              <select value={dateFormat} onChange={(e) => setDateFormat(e.target.value as DateFormat)}>
                <option value="">Choose…</option>
                {(['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const).map((f) => (
                  <option key={f} value={f}>{f}{candidates.includes(f) ? ' ✓ fits' : ''}</option>
                ))}
              </select>
            </Field>
          </div>
          <button type="button" className="button" onClick={() => void previewMapped()} disabled={!dateFormat || busy}>Preview with this mapping</button>
        </>
      ) : null}

      {preview ? (
        <>
          <div className="step-title"><span className="step">{chosen?.format ? 2 : 3}</span><h3>Preview</h3></div>
          {fatal ? (
            <div role="alert" className="notice error" data-testid="import-fatal"><strong>Nothing can be imported from this file</strong>{atLine(fatal.line, fatal.reason)}</div>
          ) : (
            <>
              <p data-testid="import-summary">
                {plural(preview.rows.length, 'row')} ready to import{preview.errors.length > 0 ? `, ${plural(preview.errors.length, 'row')} with problems` : ''}.
                {preview.rows.length > PREVIEW_ROWS ? ` Showing the first ${PREVIEW_ROWS}.` : ''}
              </p>
              {preview.rows.length > 0 ? (
                <div className="data-table-wrap">
                  <table className="data-table" aria-label="Rows to import">
                    <thead><tr><th scope="col">Line</th><th scope="col">Date</th><th scope="col">Time</th><th scope="col">Duration</th><th scope="col">Project</th><th scope="col">Client</th><th scope="col">Description</th></tr></thead>
                    <tbody>
                      {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                        <tr key={r.line}>
                          <td className="num">{r.line}</td>
                          <td className="num">{localDate(r.start, r.zone)}</td>
                          <td className="num">{r.startAssumed ? <span title="The file has no start time; placed from 09:00">~{formatClockTime(r.start, r.zone)}</span> : formatClockTime(r.start, r.zone)}–{formatClockTime(r.end, r.zone)}</td>
                          <td className="num">{formatDuration(r.end - r.start)}</td>
                          <td>{r.project ?? <span className="muted">—</span>}{r.task ? <span className="muted"> · {r.task}</span> : null}</td>
                          <td>{r.client ?? <span className="muted">—</span>}</td>
                          <td>{r.description}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {preview.errors.length > 0 ? (
                <div className="problems" data-testid="import-problems">
                  <h3>{plural(preview.errors.length, 'row')} will not be imported</h3>
                  <ul>
                    {preview.errors.slice(0, PROBLEM_ROWS).map((e) => <li key={e.line}>{atLine(e.line, e.reason)}</li>)}
                    {preview.errors.length > PROBLEM_ROWS ? <li>…and {preview.errors.length - PROBLEM_ROWS} more.</li> : null}
                  </ul>
                </div>
              ) : null}
              <button type="button" className="button primary" onClick={() => void doImport()} disabled={busy || preview.rows.length === 0}>
                {busy ? 'Importing…' : `Import ${plural(preview.rows.length, 'entry', 'entries')}`}
              </button>
            </>
          )}
        </>
      ) : null}
      {outcome ? (
        <div role="status" className="notice ok" data-testid="import-result" style={{ marginTop: 12 }}>
          <strong>{outcome.text}</strong>
          {outcome.created}
        </div>
      ) : null}
    </>
  );
}
