// How the file's dates are read, for every file, and when day and month could be either way round
// the question, with both readings of a few of the file's dates side by side.
import type { DateFormat } from '../../../../shared/csv/fields';
import type { AmbiguousDates } from '../../../../shared/csv/types';
import { formatDate } from '../../../../shared/time/display';

/** 3 April 2024 written in `format`: "03/04/2024", "2024-04-03". */
const example = (format: DateFormat) => format.replace('YYYY', '2024').replace('MM', '04').replace('DD', '03');
const order = (format: DateFormat) => (format.startsWith('DD') ? 'day first' : format.startsWith('MM') ? 'month first' : 'year first');

/** The two readings in a fixed order, so the one picked does not jump to the other side when the preview is read again. */
const readings = (ambiguous: AmbiguousDates) => ambiguous.formats.map((format, i) => ({ format, i })).sort((a, b) => a.format.localeCompare(b.format));

export function DateReading({ dateFormat, ambiguous, chosen, disabled, onChoose }: {
  dateFormat: DateFormat;
  ambiguous: AmbiguousDates | null;
  /** The reading the person picked (the preview may still be reading the file that way). */
  chosen: DateFormat | null;
  disabled: boolean;
  onChoose: (format: DateFormat) => void;
}) {
  return (
    <>
      <p className="muted" data-testid="import-date-reading">
        Dates read as {dateFormat}, e.g. {example(dateFormat)} → {formatDate('2024-04-03')}.
      </p>
      {ambiguous ? (
        <fieldset className="notice warn date-question" data-testid="import-date-question">
          <legend>Which way round are day and month?</legend>
          <p>Every day in this file is 12 or lower, so its dates read two ways. Choose the one the file uses; nothing can be imported until you do.</p>
          <div className="date-readings">
            {readings(ambiguous).map(({ format, i }) => (
              <label key={format} className="date-reading">
                <span className="check">
                  <input type="radio" name="date-reading" aria-label={`${format} (${order(format)})`} checked={format === chosen} disabled={disabled} onChange={() => onChoose(format)} />
                  <strong>{format}</strong> <span className="muted">({order(format)})</span>
                </span>
                <ul className="plain-list">
                  {ambiguous.samples.map((s) => <li key={s.raw}>{s.raw} → {formatDate(s.readings[i]!)}</li>)}
                </ul>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </>
  );
}
