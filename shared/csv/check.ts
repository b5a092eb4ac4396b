// The import pipeline without a workspace, for `npm run csv:check`: what the app would make of a
// file (format, date reading, people, rows it can and cannot import, and their hours) under the
// preview's default choices, so support can see why a file does not import.
import { detectDateFormats } from './fields';
import { detectFormat } from './formats';
import { guessMapping } from './guess';
import { previewImport } from './import';
import { parseCsv } from './parse';
import type { ImportPreview } from './types';

export interface FileCheck {
  format: ImportPreview['format'];
  dateFormat: string | null;
  /** The two readings when day and month could be either way round; null when the dates say which. */
  ambiguousDates: [string, string] | null;
  people: string[];
  /** Records after the header, blank ones (",,,,") left out. */
  rows: number;
  importable: number;
  rejected: number;
  zeroLength: number;
  hours: number;
  reasons: Record<string, number>;
}

/** All people unless `person` names one; zero-length rows are left out, as the preview does by default. */
export function checkCsv(text: string, options: { zone: string; person?: string }): FileCheck {
  const parsed = parseCsv(text);
  const headers = parsed.ok ? (parsed.records[0]?.cells ?? []).map((h) => h.trim()) : [];
  const known = detectFormat(headers);
  const preview = previewImport(text, known ?? genericSource(parsed, headers), { zone: options.zone });
  const chosen = options.person === undefined ? preview.rows : preview.rows.filter((r) => r.person === options.person);
  const ms = chosen.reduce((sum, r) => sum + (r.end - r.start), 0);
  const reasons: Record<string, number> = {};
  for (const e of preview.errors) {
    const reason = e.reason.replace(/"[^"]*"/g, '"…"').replace(/\d{4}-\d{2}-\d{2}/g, 'a day');
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  return {
    format: preview.format,
    dateFormat: preview.dateFormat,
    ambiguousDates: preview.ambiguousDates?.formats ?? null,
    people: preview.people.map((p) => p.name),
    rows: parsed.ok ? parsed.records.slice(1).filter((r) => r.cells.some((c) => c.trim() !== '')).length : 0,
    importable: chosen.length,
    rejected: preview.errors.length,
    zeroLength: preview.zeroLength.length,
    hours: Math.round((ms / 3_600_000) * 1e6) / 1e6,
    reasons,
  };
}

/** An unknown file read as the mapping screen first guesses it, with the first date reading that fits. */
function genericSource(parsed: ReturnType<typeof parseCsv>, headers: string[]) {
  const columns = guessMapping(headers);
  const column = headers.indexOf(columns.date ?? columns.start ?? '');
  const samples = parsed.ok && column !== -1 ? parsed.records.slice(1, 501).map((r) => (r.cells[column] ?? '').trim().split(/[T ]/)[0] ?? '') : [];
  return { columns, dateFormat: detectDateFormats(samples)[0] ?? 'YYYY-MM-DD' } as const;
}
