// Settings › Import: choose a CSV, recognise Toggl/Clockify/Harvest or map the columns of any
// other file, preview the rows and the problems, answer what the file leaves open, then import.
// Re-importing a file skips the rows already imported (importKey), so nothing lands twice.
import { DATE_FORMATS, type DateFormat } from '../../../../shared/csv/fields';
import type { ColumnMapping } from '../../../../shared/csv/formats';
import { mappingProblem } from '../../../../shared/csv/import';
import { Field } from '../settings/Field';
import { PreviewStep } from './PreviewStep';
import { ProgressBar } from './ProgressBar';
import { dateFormatsFor, FORMAT_LABELS, MAPPABLE } from './read-csv';
import { useImport, type Chosen, type ImportState } from './use-import';
import './import.css';

export function ImportSection() {
  const imp = useImport();
  const { chosen, fileError, preview, outcome, busy, job } = imp;

  return (
    <>
      <p className="lead">Bring in time from Toggl Track, Clockify or Harvest (their detailed-report CSV exports), or any CSV by mapping its columns. You see every row before anything is saved; importing the same file again skips what is already here.</p>
      <div className="step-title"><span className="step">1</span><h3>Choose a CSV file</h3></div>
      <Field label="CSV file" hint="Toggl Track, Clockify, Harvest or any other CSV">
        <input key={imp.fileKey} type="file" accept=".csv,text/csv" onChange={(e) => void imp.choose(e.target.files?.[0])} disabled={busy} />
      </Field>
      {job?.kind === 'preview' ? <ProgressBar job={job} onCancel={imp.cancel} /> : null}
      {fileError ? <div role="alert" className="notice error"><strong>This file could not be read</strong>{fileError}</div> : null}

      {chosen?.format ? (
        <p className="notice ok" role="status" data-testid="import-format">Looks like a {FORMAT_LABELS[chosen.format]} export.</p>
      ) : null}

      {chosen && !chosen.format ? <MappingStep chosen={chosen} imp={imp} /> : null}
      {preview ? <PreviewStep step={chosen?.format ? 2 : 3} preview={preview} imp={imp} /> : null}
      {outcome ? (
        <div role="status" className={`notice ${outcome.cancelled ? 'warn' : 'ok'}`} data-testid="import-result" style={{ marginTop: 12 }}>
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
  const blocked = mappingBlocker(chosen.headers, mapping, dateFormat);
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
            {DATE_FORMATS.map((f) => (
              <option key={f} value={f}>{f}{candidates.includes(f) ? ' ✓ fits' : ''}</option>
            ))}
          </select>
        </Field>
      </div>
      <div className="import-actions">
        <button type="button" className="button" onClick={() => void imp.previewMapped()} disabled={blocked !== null || busy}>Preview with this mapping</button>
        {blocked ? <span className="muted" data-testid="import-mapping-blocked">{blocked}</span> : null}
      </div>
    </>
  );
}

const TIME_FIELDS = ['date', 'start', 'startTime', 'end', 'endTime', 'duration'] as const;

/** Why the mapping cannot be previewed yet, said next to the button instead of only disabling it. */
function mappingBlocker(headers: readonly string[], mapping: ColumnMapping, dateFormat: DateFormat | ''): string | null {
  if (!TIME_FIELDS.some((field) => mapping[field])) {
    return `None of this file’s columns (${headers.slice(0, 6).join(', ')}${headers.length > 6 ? ', …' : ''}) looks like a date, a time or a duration. If it holds time, map its columns above; otherwise choose your tracker’s CSV export.`;
  }
  return mappingProblem(mapping, []) ?? (dateFormat ? null : 'Choose the date format the file uses.');
}
