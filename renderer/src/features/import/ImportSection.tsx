// Settings › Import: choose a CSV, recognise Toggl/Clockify/Harvest or map the columns of any
// other file, preview the rows and the problems, then import. Re-importing a file skips the rows
// already imported (importKey), so nothing lands twice.
import type { DateFormat } from '../../../../shared/csv/fields';
import type { ImportPreview } from '../../../../shared/csv/import';
import { formatDuration } from '../../../../shared/time/duration';
import { localDate } from '../../../../shared/time/zone';
import { formatClockTime } from '../../../../shared/time/display';
import { Field } from '../settings/Field';
import { dateFormatsFor, FORMAT_LABELS, MAPPABLE } from './read-csv';
import { atLine, plural, useImport, type Chosen, type ImportState } from './use-import';

const PREVIEW_ROWS = 200;
const PROBLEM_ROWS = 200;

export function ImportSection() {
  const imp = useImport();
  const { chosen, fileError, preview, outcome, busy } = imp;

  return (
    <>
      <p className="lead">Bring in time from Toggl Track, Clockify or Harvest (their detailed-report CSV exports), or any CSV by mapping its columns. You see every row before anything is saved; importing the same file again skips what is already here.</p>
      <div className="step-title"><span className="step">1</span><h3>Choose a CSV file</h3></div>
      <Field label="CSV file" hint="Toggl Track, Clockify, Harvest or any other CSV">
        <input type="file" accept=".csv,text/csv" onChange={(e) => void imp.choose(e.target.files?.[0])} disabled={busy} />
      </Field>
      {busy && !preview ? <p className="muted" role="status">Reading the file…</p> : null}
      {fileError ? <div role="alert" className="notice error"><strong>This file could not be read</strong>{fileError}</div> : null}

      {chosen?.format ? (
        <p className="notice ok" role="status" data-testid="import-format">Looks like a {FORMAT_LABELS[chosen.format]} export{preview?.dateFormat ? ` (dates as ${preview.dateFormat})` : ''}.</p>
      ) : null}

      {chosen && !chosen.format ? <MappingStep chosen={chosen} imp={imp} /> : null}
      {preview ? <PreviewStep step={chosen?.format ? 2 : 3} preview={preview} imp={imp} /> : null}
      {outcome ? (
        <div role="status" className="notice ok" data-testid="import-result" style={{ marginTop: 12 }}>
          <strong>{outcome.text}</strong>
          {outcome.created}
        </div>
      ) : null}
    </>
  );
}

/** A file no tracker signature matched: which column holds what, and the date format. */
function MappingStep({ chosen, imp }: { chosen: Chosen; imp: ImportState }) {
  const { mapping, dateFormat, busy } = imp;
  const candidates = chosen.records ? dateFormatsFor(chosen.headers, chosen.records, mapping) : [];
  return (
    <>
      <div className="step-title"><span className="step">2</span><h3>Map the columns of “{chosen.name}”</h3></div>
      <p className="muted">This file is not from a tracker we recognise. Tell us which column holds what; leave out what the file does not have. You need a date with a start time or a duration (or a full start), and an end time or a duration.</p>
      <div className="mapping-grid">
        {MAPPABLE.map(({ key, label, hint }) => (
          <Field key={key} label={label} hint={hint}>
            <select value={mapping[key] ?? ''} onChange={(e) => imp.mapColumn(key, e.target.value)}>
              <option value="">Not in this file</option>
              {chosen.headers.map((h) => <option key={h} value={h}>{h}</option>)}
            </select>
          </Field>
        ))}
        <Field label="Date format" hint={candidates.length > 1 ? 'Several formats fit these dates: choose the one the file uses' : candidates.length === 0 ? 'No single format reads every date; bad ones will be listed' : undefined}>
          <select value={dateFormat} onChange={(e) => imp.setDateFormat(e.target.value as DateFormat)}>
            <option value="">Choose…</option>
            {(['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const).map((f) => (
              <option key={f} value={f}>{f}{candidates.includes(f) ? ' ✓ fits' : ''}</option>
            ))}
          </select>
        </Field>
      </div>
      <button type="button" className="button" onClick={() => void imp.previewMapped()} disabled={!dateFormat || busy}>Preview with this mapping</button>
    </>
  );
}

/** The rows that will be imported and the ones that will not, and the Import button. */
function PreviewStep({ step, preview, imp }: { step: number; preview: ImportPreview; imp: ImportState }) {
  const { busy } = imp;
  const fatal = preview.rows.length === 0 && preview.errors.length === 1 ? preview.errors[0]! : null;
  return (
    <>
      <div className="step-title"><span className="step">{step}</span><h3>Preview</h3></div>
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
          <button type="button" className="button primary" onClick={() => void imp.doImport()} disabled={busy || preview.rows.length === 0}>
            {busy ? 'Importing…' : `Import ${plural(preview.rows.length, 'entry', 'entries')}`}
          </button>
        </>
      )}
    </>
  );
}
