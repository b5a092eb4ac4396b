// The import's state and steps: the chosen file (recognised or read for mapping), the column
// mapping and date format, the preview computed in the background, and the import itself.
import { useState } from 'react';
import type { DateFormat } from '../../../../shared/csv/fields';
import type { ColumnMapping } from '../../../../shared/csv/formats';
import type { ImportPreview } from '../../../../shared/csv/import';
import type { CsvRecord } from '../../../../shared/csv/parse';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { runImport, type ImportOutcome } from './import-plan';
import { previewInBackground } from './preview-client';
import { dateFormatsFor, guessMapping, readRecords, sniff, type FORMAT_LABELS } from './read-csv';

export interface Chosen {
  name: string;
  text: string;
  headers: string[];
  /** For a file no tracker signature matched: its records, read once for date sampling. */
  records: CsvRecord[] | null;
  format: keyof typeof FORMAT_LABELS | null;
}

/** "Line 3: reason", without doubling the prefix when the parser already wrote it. */
export const atLine = (line: number, reason: string) => (/^Line \d+:/.test(reason) ? reason : `Line ${line}: ${reason}`);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function outcomeText(o: ImportOutcome, problems: number): string {
  const parts = [`Imported ${plural(o.imported, 'entry', 'entries')}`, `skipped ${o.skipped} already imported`, `${plural(problems, 'row')} had problems`];
  return `${parts.join(', ')}.`;
}

export function useImport() {
  const repos = useRepos();
  const zone = currentZone();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [dateFormat, setDateFormat] = useState<DateFormat | ''>('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; created: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

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

  return { chosen, fileError, mapping, dateFormat, setDateFormat, preview, outcome, busy, choose, mapColumn, previewMapped, doImport };
}

export type ImportState = ReturnType<typeof useImport>;
