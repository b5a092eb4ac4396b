// The preview of a read file: how its dates are read (and the question when they read two ways),
// whose rows to import, how rows without clock times were laid out, the chosen rows with their
// money, tags and status, zero-length rows, the rows that will not be imported, the warnings,
// and the Import button, which says how many entries it imports.
import type { ReactNode } from 'react';
import type { ImportedRow, ImportPreview } from '../../../../shared/csv/types';
import { formatMoney, money } from '../../../../shared/money/money';
import { formatClockTime } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import { localDate } from '../../../../shared/time/zone';
import { DateReading } from './DateReading';
import { PeoplePicker } from './PeoplePicker';
import { ProgressBar } from './ProgressBar';
import { FORMAT_LABELS } from './read-csv';
import { chosenRows } from './selection';
import { atLine, plural, type ImportState } from './use-import';
import '../entries/entries.css';

const PREVIEW_ROWS = 200;
const PROBLEM_ROWS = 200;

const hours = (rows: readonly ImportedRow[]) => formatDuration(rows.reduce((sum, r) => sum + (r.end - r.start), 0));

export function PreviewStep({ step, preview, imp }: { step: number; preview: ImportPreview; imp: ImportState }) {
  const fatal = preview.rows.length === 0 && preview.zeroLength.length === 0 && preview.errors.length === 1 ? preview.errors[0]! : null;
  return (
    <>
      <div className="step-title"><span className="step">{step}</span><h3>Preview</h3></div>
      {fatal ? (
        <div role="alert" className="notice error" data-testid="import-fatal"><strong>Nothing can be imported from this file</strong>{atLine(fatal.line, fatal.reason)}</div>
      ) : (
        <Decisions preview={preview} imp={imp} />
      )}
    </>
  );
}

function Decisions({ preview, imp }: { preview: ImportPreview; imp: ImportState }) {
  const chosen = chosenRows(preview, imp.people);
  const rows = imp.withZeroLength ? [...chosen.rows, ...chosen.zeroLength] : chosen.rows;
  const source = preview.format === 'generic' ? 'the source' : FORMAT_LABELS[preview.format];
  const nobody = preview.people.length > 1 && imp.people.length === 0;
  const blocked = !imp.datesConfirmed ? 'Choose how to read the dates first.' : nobody ? 'Tick whose rows to import first.' : null;
  return (
    <>
      {preview.dateFormat ? (
        <DateReading dateFormat={preview.dateFormat} ambiguous={preview.ambiguousDates} chosen={imp.confirmedDates} disabled={imp.busy} onChoose={(f) => void imp.chooseReading(f)} />
      ) : null}
      <PeoplePicker people={preview.people} chosen={imp.people} disabled={imp.busy} onToggle={imp.togglePerson} onChooseAll={imp.setPeople} />
      {preview.layout === 'stacked' && preview.layoutNote ? <p className="notice" data-testid="import-layout">{preview.layoutNote}</p> : null}
      <p data-testid="import-summary">
        {plural(rows.length, 'row')} ready to import{preview.errors.length > 0 ? `, ${plural(preview.errors.length, 'row')} with problems` : ''}.
        {rows.length > 0 ? ` ${hours(rows)} in all.` : ''}
        {rows.length > PREVIEW_ROWS ? ` Showing the first ${PREVIEW_ROWS}.` : ''}
      </p>
      <StatusNotes rows={rows} source={source} />
      {chosen.zeroLength.length > 0 ? (
        <label className="check import-zero" data-testid="import-zero-length">
          <input type="checkbox" checked={imp.withZeroLength} disabled={imp.busy} onChange={(e) => imp.setWithZeroLength(e.target.checked)} />
          <span>Also import the {chosen.zeroLength.length === 1 ? 'row that lasts' : `${chosen.zeroLength.length} rows that last`} 0:00 in the file ({chosen.zeroLength.length === 1 ? 'line' : 'lines'} {chosen.zeroLength.slice(0, 5).map((r) => r.line).join(', ')}{chosen.zeroLength.length > 5 ? ', …' : ''}): {chosen.zeroLength.length === 1 ? 'it would be an entry' : 'they would be entries'} of no time, which cannot be approved for QuickBooks until given a duration.</span>
        </label>
      ) : null}
      {rows.length > 0 ? <RowsTable rows={rows} withPerson={preview.people.length > 1} currency={imp.workspaceCurrency} /> : null}
      <Problems preview={preview} rows={rows} />
      <div className="import-actions">
        <button type="button" className="button primary" onClick={() => void imp.doImport()} disabled={imp.busy || blocked !== null || rows.length === 0}>
          {imp.job?.kind === 'import' ? 'Importing…' : `Import ${plural(rows.length, 'entry', 'entries')}`}
        </button>
        {blocked ? <span className="muted">{blocked}</span> : null}
      </div>
      {imp.job?.kind === 'import' ? <ProgressBar job={imp.job} onCancel={imp.cancel} /> : null}
    </>
  );
}

/** How many of the chosen rows the source marks invoiced or approved, and what happens to them. */
function StatusNotes({ rows, source }: { rows: readonly ImportedRow[]; source: string }) {
  const invoiced = rows.filter((r) => r.sourceStatus === 'invoiced').length;
  const approved = rows.filter((r) => r.sourceStatus === 'approved').length;
  if (invoiced + approved === 0) return null;
  return (
    <div className="notice import-status" data-testid="import-status">
      {invoiced > 0 ? <p>{invoiced === 1 ? '1 row is' : `${invoiced} rows are`} already invoiced in {source}: {invoiced === 1 ? 'it is' : 'they are'} imported as invoiced and never sent to QuickBooks.</p> : null}
      {approved > 0 ? <p>{approved === 1 ? '1 row is' : `${approved} rows are`} approved in {source}: {approved === 1 ? 'it is imported as a draft' : 'they are imported as drafts'} for you to approve.</p> : null}
    </div>
  );
}

/** "$270.00" over "$120.00/h": a row's amount and rate as the file states them. */
function moneyText(row: ImportedRow, workspaceCurrency: string): ReactNode {
  const { rateMinor, amountMinor } = row.money;
  if (rateMinor === null && amountMinor === null) return null;
  const show = (minor: number) => formatMoney(money(minor, row.money.currency ?? workspaceCurrency));
  return (
    <>
      {amountMinor !== null ? <div>{show(amountMinor)}</div> : null}
      {rateMinor !== null ? <div className="muted">{show(rateMinor)}/h</div> : null}
    </>
  );
}

function RowsTable({ rows, withPerson, currency }: { rows: readonly ImportedRow[]; withPerson: boolean; currency: string }) {
  return (
    <div className="data-table-wrap">
      <table className="data-table" aria-label="Rows to import">
        <thead>
          <tr>
            <th scope="col">Line</th><th scope="col">Date</th><th scope="col">Time</th><th scope="col">Duration</th>
            {withPerson ? <th scope="col">Person</th> : null}
            <th scope="col">Client · project</th><th scope="col">Description</th><th scope="col">Money</th><th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, PREVIEW_ROWS).map((r) => (
            <tr key={r.line}>
              <td className="num">{r.line}</td>
              <td className="num">{localDate(r.start, r.zone)}</td>
              <td className="num">{r.startAssumed ? <span title="The file has no clock times: placed as described above">~{formatClockTime(r.start, r.zone)}</span> : formatClockTime(r.start, r.zone)}–{formatClockTime(r.end, r.zone)}</td>
              <td className="num">{formatDuration(r.end - r.start)}</td>
              {withPerson ? <td>{r.person ?? <span className="muted">—</span>}</td> : null}
              <td>{r.client ? `${r.client} · ` : null}{r.project ?? <span className="muted">—</span>}{r.task ? <span className="muted"> · {r.task}</span> : null}</td>
              <td>{r.description}{r.tags.length > 0 ? <span className="tag-list"> {r.tags.map((t) => <span key={t} className="tag">{t}</span>)}</span> : null}</td>
              <td className="money">{moneyText(r, currency) ?? <span className="muted">—</span>}</td>
              <td>{r.sourceStatus ? <span className="badge">{r.sourceStatus}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows that will not be imported, and the chosen rows imported with a field left empty. */
function Problems({ preview, rows }: { preview: ImportPreview; rows: readonly ImportedRow[] }) {
  const lines = new Set(rows.map((r) => r.line));
  const warnings = preview.warnings.filter((w) => lines.has(w.line));
  return (
    <>
      {preview.errors.length > 0 ? (
        <div className="problems" data-testid="import-problems">
          <h3>{plural(preview.errors.length, 'row')} will not be imported</h3>
          <ul>
            {preview.errors.slice(0, PROBLEM_ROWS).map((e) => <li key={e.line}>{atLine(e.line, e.reason)}</li>)}
            {preview.errors.length > PROBLEM_ROWS ? <li>…and {preview.errors.length - PROBLEM_ROWS} more.</li> : null}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="problems warnings" data-testid="import-warnings">
          <h3>{plural(warnings.length, 'row')} with a value that could not be read: imported, with that field left empty</h3>
          <ul>
            {warnings.slice(0, PROBLEM_ROWS).map((w) => <li key={`${w.line}-${w.field}`}>{atLine(w.line, w.reason)}</li>)}
            {warnings.length > PROBLEM_ROWS ? <li>…and {warnings.length - PROBLEM_ROWS} more.</li> : null}
          </ul>
        </div>
      ) : null}
    </>
  );
}
