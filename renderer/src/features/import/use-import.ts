// The import's state and steps: the chosen file (recognised or read for mapping), the column
// mapping and date format, the preview computed in the background, what the person importing
// decides on it (the date reading, whose rows, zero-length rows), and the import itself. The
// preview and the import report progress and can be cancelled; a cancelled import leaves nothing.
import { useRef, useState } from 'react';
import type { DateFormat } from '../../../../shared/csv/fields';
import type { ColumnMapping, KnownFormat } from '../../../../shared/csv/formats';
import { NO_ROWS, type GenericMapping } from '../../../../shared/csv/import';
import { InvalidEntryError } from '../../db/errors';
import type { CsvRecord } from '../../../../shared/csv/parse';
import type { ImportPreview } from '../../../../shared/csv/types';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { runImport, type ImportOutcome } from './import-plan';
import { previewInBackground } from './preview-client';
import { guessMapping } from '../../../../shared/csv/guess';
import { dateFormatsFor, readRecords, sizeProblem, sniff } from './read-csv';
import { chosenRows, defaultPeople } from './selection';

export interface Chosen {
  name: string;
  text: string;
  headers: string[];
  /** For a file no tracker signature matched: its records, read once for date sampling. */
  records: CsvRecord[] | null;
  format: KnownFormat | null;
}

/** What is running: reading the file for the preview, or importing; done of total rows. */
export interface Job {
  kind: 'preview' | 'import';
  done: number;
  total: number;
}

/** "Line 3: reason", without doubling the prefix when the parser already wrote it. */
export const atLine = (line: number, reason: string) => (/^Line \d+:/.test(reason) ? reason : `Line ${line}: ${reason}`);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A cancel: AbortSignal's AbortError, whether an Error or a DOMException. */
const isAbort = (e: unknown) => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A failed import in the words of the person importing: never a storage or schema message. The
 * preview refuses the rows an entry cannot hold, so this is a row it missed or the disk.
 */
function failureText(e: unknown): string {
  const nothing = 'Nothing was imported, and nothing was changed';
  if (e instanceof InvalidEntryError) return `${nothing}: a row of the file could not be saved as an entry. Check its dates, times and descriptions, then choose the file again.`;
  if (typeof e === 'object' && e !== null && /Quota/.test(String((e as { name?: unknown }).name))) return `${nothing}: the disk is full. Free some space and import again.`;
  return `${nothing}: the entries could not be saved. Try again; if it keeps failing, restart Track Nexus.`;
}

function outcomeText(o: ImportOutcome, problems: number): string {
  const invoiced = o.invoiced > 0 ? ` (${o.invoiced} marked invoiced)` : '';
  const parts = [`Imported ${plural(o.imported, 'entry', 'entries')}${invoiced}`, `skipped ${o.skipped} already imported`, `${plural(problems, 'row')} had problems`];
  return `${parts.join(', ')}.`;
}

function createdText(o: ImportOutcome): string | null {
  if (o.createdClients + o.createdProjects === 0) return null;
  return `Created ${plural(o.createdClients, 'client')} and ${plural(o.createdProjects, 'project')} named in the file.`;
}

/** One background job at a time, with its progress and a cancel. */
function useJob() {
  const [job, setJob] = useState<Job | null>(null);
  const abort = useRef<AbortController | null>(null);

  /** Runs the work with progress and a cancel; null when it was cancelled. */
  async function track<T>(kind: Job['kind'], work: (o: { onProgress: (done: number, total: number) => void; signal: AbortSignal }) => Promise<T>): Promise<T | null> {
    const controller = new AbortController();
    abort.current = controller;
    setJob({ kind, done: 0, total: 0 });
    try {
      return await work({ signal: controller.signal, onProgress: (done, total) => setJob({ kind, done, total }) });
    } catch (e) {
      if (isAbort(e)) return null;
      throw e;
    } finally {
      abort.current = null;
      setJob(null);
    }
  }

  return { job, track, cancel: () => abort.current?.abort() };
}

/**
 * One hook for the whole import, longer than most: its steps share the file, the preview and the
 * person's choices on it, and each step's handler is short.
 */
export function useImport() {
  const repos = useRepos();
  const zone = currentZone();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [dateFormat, setDateFormat] = useState<DateFormat | ''>('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  /** The date reading the person confirmed; until then an ambiguous file cannot be imported. */
  const [confirmedDates, setConfirmedDates] = useState<DateFormat | null>(null);
  const [people, setPeople] = useState<string[]>([]);
  const [withZeroLength, setWithZeroLength] = useState(false);
  const [workspaceCurrency, setWorkspaceCurrency] = useState('USD');
  const [outcome, setOutcome] = useState<{ text: string; created: string | null; cancelled?: boolean } | null>(null);
  const { job, track, cancel } = useJob();
  const [fileKey, setFileKey] = useState(0);

  /** Previews the file; a first preview of a file also picks whose rows to import by default. */
  async function showPreview(text: string, source: KnownFormat | GenericMapping, reading: DateFormat | undefined, first: boolean): Promise<boolean> {
    const next = await track('preview', (progress) => previewInBackground({ text, source, options: { zone, ...(reading ? { dateFormat: reading } : {}) } }, progress));
    if (!next) {
      setOutcome({ text: first ? 'Preview cancelled: choose the file again to read it.' : 'Cancelled: the dates are still read as before.', created: null, cancelled: true });
      // A fresh file input, so choosing the same file again reads it again.
      if (first) setFileKey((k) => k + 1);
      return false;
    }
    if (first) {
      const [yourName, settings] = await Promise.all([repos.qboMirror.getState<string>('mapping.yourName'), repos.settings.getAll()]);
      setPeople(defaultPeople(next.people, yourName ?? ''));
      setWorkspaceCurrency(settings.currency);
      setWithZeroLength(false);
    }
    setPreview(next);
    return true;
  }

  async function choose(file: File | undefined) {
    setChosen(null);
    setPreview(null);
    setOutcome(null);
    setFileError(null);
    setConfirmedDates(null);
    if (!file) return;
    const tooLarge = sizeProblem(file.size);
    if (tooLarge) {
      setFileError(tooLarge);
      return;
    }
    try {
      const text = await file.text();
      const head = sniff(text);
      if (!head.ok) {
        setFileError(head.line === null ? head.error : atLine(head.line, head.error));
        return;
      }
      if (head.format) {
        setChosen({ name: file.name, text, headers: head.headers, records: null, format: head.format });
        await showPreview(text, head.format, undefined, true);
        return;
      }
      const all = readRecords(text);
      if (!all.ok) {
        setFileError(atLine(all.line, all.error));
        return;
      }
      if (!all.records.some((r) => r.cells.some((c) => c.trim() !== ''))) {
        setFileError(NO_ROWS);
        return;
      }
      const guess = guessMapping(all.headers);
      const formats = dateFormatsFor(all.headers, all.records, guess);
      setChosen({ name: file.name, text, headers: all.headers, records: all.records, format: null });
      setMapping(guess);
      setDateFormat(formats.length === 1 ? formats[0]! : '');
    } catch (e) {
      setFileError(`The file could not be read: ${messageOf(e)}`);
    }
  }

  /** A column mapped (or unmapped): the date format follows when the dates now fit one format only. */
  function mapColumn(key: keyof ColumnMapping, header: string) {
    const next = { ...mapping };
    if (header) next[key] = header;
    else delete next[key];
    setMapping(next);
    const formats = chosen?.records ? dateFormatsFor(chosen.headers, chosen.records, next) : [];
    if (dateFormat && !formats.includes(dateFormat)) setDateFormat(formats.length === 1 ? formats[0]! : '');
    else if (!dateFormat && formats.length === 1) setDateFormat(formats[0]!);
  }

  /** The mapping step's date format was the person's own choice: it counts as confirmed. */
  async function previewMapped() {
    if (!chosen || !dateFormat) return;
    setOutcome(null);
    try {
      await showPreview(chosen.text, { columns: mapping, dateFormat }, dateFormat, true);
      setConfirmedDates(dateFormat);
    } catch (e) {
      setFileError(`The file could not be read: ${messageOf(e)}`);
    }
  }

  /** The person's answer to "which way round are day and month": the preview is read again that way. */
  async function chooseReading(reading: DateFormat) {
    if (!chosen) return;
    setOutcome(null);
    const before = confirmedDates;
    setConfirmedDates(reading);
    try {
      if (reading === preview?.dateFormat) return;
      const read = await showPreview(chosen.text, chosen.format ?? { columns: mapping, dateFormat: reading }, reading, false);
      if (!read) setConfirmedDates(before);
      else if (!chosen.format) setDateFormat(reading);
    } catch (e) {
      setConfirmedDates(before);
      setFileError(`The file could not be read: ${messageOf(e)}`);
    }
  }

  const togglePerson = (name: string) => setPeople((list) => (list.includes(name) ? list.filter((n) => n !== name) : [...list, name]));

  async function doImport() {
    if (!preview) return;
    const chosen = chosenRows(preview, people);
    const rows = withZeroLength ? [...chosen.rows, ...chosen.zeroLength] : chosen.rows;
    setOutcome(null);
    try {
      const result = await track('import', (progress) => runImport(repos, rows, progress));
      if (!result) setOutcome({ text: 'Import cancelled: nothing was imported.', created: null, cancelled: true });
      else setOutcome({ text: outcomeText(result, preview.errors.length), created: createdText(result) });
    } catch (e) {
      setOutcome({ text: failureText(e), created: null });
    }
  }

  const datesConfirmed = !preview?.ambiguousDates || confirmedDates === preview.dateFormat;
  return {
    fileKey, chosen, fileError, mapping, dateFormat, setDateFormat, preview, outcome, job, busy: job !== null,
    confirmedDates, datesConfirmed, people, setPeople, togglePerson, withZeroLength, setWithZeroLength, workspaceCurrency,
    choose, mapColumn, previewMapped, chooseReading, cancel, doImport,
  };
}

export type ImportState = ReturnType<typeof useImport>;
