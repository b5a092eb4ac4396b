// What the person importing has chosen from a preview: whose rows (by default their own, found by
// the name they gave on the QuickBooks mapping screen), and whether the zero-length rows come too.
import type { ImportedRow, ImportPreview, PersonSummary } from '../../../../shared/csv/types';

const words = (name: string) => name.trim().toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');

/** "Emily Platt" is " emily  PLATT " and "Emily J. Platt": the same words, or the same first and last name. */
function sameName(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x.join(' ') === y.join(' ')) return true;
  return x.length > 1 && y.length > 1 && x[0] === y[0] && x.at(-1) === y.at(-1);
}

/** The one person in the file, else whoever has the user's own name, else no one: the preview asks. */
export function defaultPeople(people: readonly PersonSummary[], yourName: string): string[] {
  if (people.length === 1) return [people[0]!.name];
  return people.filter((p) => sameName(p.name, yourName)).map((p) => p.name);
}

/** The chosen people's rows and zero-length rows (everyone's when the file names no one). */
export function chosenRows(preview: ImportPreview, people: readonly string[]): { rows: ImportedRow[]; zeroLength: ImportedRow[] } {
  const chosen = new Set(people);
  const mine = (r: ImportedRow) => preview.people.length === 0 || (r.person !== null && chosen.has(r.person));
  return { rows: preview.rows.filter(mine), zeroLength: preview.zeroLength.filter(mine) };
}
