import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../../renderer/src/features/import/export';
import { at, testEnv } from '../db/helpers';

const NY = 'America/New_York';
const recordsOf = (csv: string) => {
  const [header, ...rows] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!])));
};

describe('buildExport', () => {
  it('prices each entry at the rate QuickBooks would get: project rate, rate card, none', async () => {
    const { repos } = await testEnv();
    const acme = await repos.clients.create({ name: 'Acme' });
    const website = await repos.projects.create({ name: 'Website', clientId: acme.id, rateMinor: 10_000, rounding: { incrementMinutes: 15, mode: 'up' } });
    const audit = await repos.projects.create({ name: 'Audit', clientId: acme.id });
    const internal = await repos.projects.create({ name: 'Internal', billable: false });
    const loose = await repos.projects.create({ name: 'Loose ends' });
    await repos.rates.add({ scope: 'client', scopeId: acme.id, rateMinor: 9_000, currency: 'USD', effectiveFrom: '2026-01-01' });
    await repos.rates.add({ scope: 'project', scopeId: internal.id, rateMinor: 5_000, currency: 'USD', effectiveFrom: '2026-01-01' });
    const day = '2026-02-26';
    await repos.entries.create({ projectId: website.id, description: 'Home page', start: at(day, '09:00', NY), end: at(day, '10:07', NY), zone: NY });
    await repos.entries.create({ projectId: audit.id, description: 'Ledger', start: at(day, '11:00', NY), end: at(day, '12:00', NY), zone: NY });
    await repos.entries.create({ projectId: internal.id, description: 'Planning', start: at(day, '13:00', NY), end: at(day, '13:30', NY), zone: NY });
    await repos.entries.create({ projectId: loose.id, description: 'Odd job', start: at(day, '14:00', NY), end: at(day, '14:10', NY), zone: NY });

    const { csv, count } = await buildExport(repos, day, day, NY);
    expect(count).toBe(4);
    expect(recordsOf(csv).map((r) => [r['Project'], r['Billable'], r['Duration (rounded)'], r['Rate'], r['Amount'], r['Currency']])).toEqual([
      ['Website', 'Yes', '1:15', '100.00', '125.00', 'USD'], // its own rate, 15-minute rounding
      ['Audit', 'Yes', '1:00', '90.00', '90.00', 'USD'], // the client's rate card
      ['Internal', 'No', '0:30', '50.00', '0.00', 'USD'], // not billed
      ['Loose ends', 'Yes', '0:10', '', '', ''], // no rate anywhere
    ]);
  });
});
