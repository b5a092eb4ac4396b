// Who did the reports' work: 'me' for the workspace's own time, an imported file's person name
// otherwise, each with the kind, weekly capacity and cost rates saved in the settings
// (`reportPeople`), or the defaults for someone nobody has set up yet.
import type { ReportPerson } from '../../../../../shared/reports/types';
import type { Settings } from '../../../db/repos/settings-repo';

/** The person id of the workspace's own time. */
const ME = 'me';

type PeopleSettings = Settings['reportPeople'];
export type PersonSettings = PeopleSettings[string];

/** A person without settings: an employee with 40 hours a week and no cost rate. */
export const DEFAULT_PERSON: PersonSettings = { kind: 'employee', capacityMinutesPerWeek: 40 * 60, costRates: [] };

const personName = (id: string): string => (id === ME ? 'You' : id);

/** Whose time an entry is: the imported file's person, else the workspace's own. */
export const personOf = (entry: { imported?: { person: string | null } | undefined }): string => entry.imported?.person || ME;

/** You first, then everyone else by name. */
const youFirst = (a: string, b: string) => (a === ME ? -1 : b === ME ? 1 : a.localeCompare(b));

/**
 * Everyone the settings know and everyone seen in the time (`seen`), You always among them, with
 * their saved settings or the defaults; cost rates oldest first.
 */
export function reportPeople(saved: PeopleSettings, seen: Iterable<string>): ReportPerson[] {
  const ids = new Set([ME, ...Object.keys(saved), ...seen]);
  return [...ids].sort(youFirst).map((id) => {
    const s = saved[id] ?? DEFAULT_PERSON;
    const costRates = [...s.costRates].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    return { id, name: personName(id), kind: s.kind, capacityMinutesPerWeek: s.capacityMinutesPerWeek, costRates };
  });
}
