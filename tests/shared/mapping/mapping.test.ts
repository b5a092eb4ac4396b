import { describe, expect, it } from 'vitest';
import { nameSimilarity, normaliseName, suggestMappings, type QboRef } from '../../../shared/mapping';

describe('normaliseName', () => {
  it.each([
    ['ACME Corporation', 'acme'],
    ['Acme Corp.', 'acme'],
    ['acme, inc', 'acme'],
    ['Hale & Partners LLP', 'hale partners'],
    ['Café Zürich GmbH', 'cafe zurich'],
    ['The Globex Company', 'globex'],
    ['Intl. Widgets Mgmt Ltd', 'international widgets management'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});

describe('nameSimilarity', () => {
  it('copes with suffixes, punctuation, initials and abbreviations', () => {
    expect(nameSimilarity('ACME Corporation', 'Acme Corp.').score).toBe(1);
    expect(nameSimilarity('IBM', 'International Business Machines Corp').score).toBeGreaterThanOrEqual(0.9);
    expect(nameSimilarity('IBM', 'International Business Machines Corp').how).toBe('initials');
    expect(nameSimilarity('Dev', 'Development')).toEqual({ score: 0.95, how: 'same name with abbreviations expanded' });
    expect(nameSimilarity('Northwind Traders', 'North Wind Traders').score).toBeGreaterThanOrEqual(0.9);
    expect(nameSimilarity('Brightwater Health', 'Brightwatr Health').score).toBeGreaterThan(0.8);
    expect(nameSimilarity('Acme', 'Globex').score).toBe(0);
  });
});

const qbo: QboRef[] = [
  { id: '1', name: 'Acme Corp', active: true, kind: 'customer' },
  { id: '2', name: 'Website', fullyQualifiedName: 'Acme Corp:Website', active: true, kind: 'customer' },
  { id: '3', name: 'Website', fullyQualifiedName: 'Globex Inc:Website', active: true, kind: 'customer' },
  { id: '4', name: 'Customer Portal', fullyQualifiedName: 'ACME Corporation:Customer Portal', active: false, kind: 'customer' },
  { id: '5', name: 'Software development', active: true, kind: 'item' },
  { id: '6', name: 'Development', active: true, kind: 'item' },
  { id: '7', name: 'Meetings & calls', active: true, kind: 'item' },
  { id: '8', name: 'Robin Keller', active: true, kind: 'employee' },
  { id: '9', name: 'Keller Consulting LLC', active: true, kind: 'vendor' },
  { id: '10', name: 'IBM', active: true, kind: 'customer' },
];

describe('suggestMappings', () => {
  it('maps "Acme — Website" to the sub-customer Acme Corp:Website, not Globex:Website', () => {
    const [s] = suggestMappings([{ id: 'p', kind: 'project', name: 'Acme — Website' }], qbo);
    expect(s!.candidates[0]).toMatchObject({ qboId: '2', fullyQualifiedName: 'Acme Corp:Website', inactive: false });
    expect(s!.candidates[0]!.reason).toMatch(/sub-customer Acme Corp:Website/);
    expect(s!.autoApply?.qboId).toBe('2');
    const globex = s!.candidates.find((c) => c.qboId === '3');
    expect(globex === undefined || globex.confidence < 0.6).toBe(true);
  });

  it('uses the client name to check the parent customer', () => {
    const [s] = suggestMappings([{ id: 'p', kind: 'project', name: 'Website', clientName: 'Globex' }], qbo);
    expect(s!.candidates[0]!.qboId).toBe('3');
  });

  it('ranks inactive entities but flags them and never auto-applies them', () => {
    const [s] = suggestMappings([{ id: 'p', kind: 'project', name: 'Customer portal', clientName: 'Acme Corp.' }], qbo);
    expect(s!.candidates[0]).toMatchObject({ qboId: '4', inactive: true });
    expect(s!.candidates[0]!.reason).toMatch(/inactive in QuickBooks/);
    expect(s!.autoApply).toBeNull();
  });

  it('falls back to the parent customer when there is no sub-customer', () => {
    const [s] = suggestMappings([{ id: 'p', kind: 'project', name: 'Mainframe migration', clientName: 'International Business Machines' }], qbo);
    expect(s!.candidates[0]).toMatchObject({ qboId: '10' });
    expect(s!.candidates[0]!.reason).toMatch(/is the client \(initials\)/);
    expect(s!.autoApply).toBeNull(); // 0.81 < 0.9
  });

  it('maps tasks to service items and users to employees or vendors', () => {
    const [task, meet, user] = suggestMappings(
      [
        { id: 't', kind: 'task', name: 'Development' },
        { id: 'm', kind: 'task', name: 'Meetings and calls' },
        { id: 'u', kind: 'user', name: 'Robin Keller' },
      ],
      qbo,
    );
    expect(task!.candidates.map((c) => c.qboId)).toEqual(['6', '5']);
    expect(task!.autoApply?.qboId).toBe('6');
    expect(meet!.candidates[0]!.qboId).toBe('7');
    expect(user!.candidates[0]).toMatchObject({ qboId: '8', kind: 'employee' });
    expect(user!.candidates.every((c) => c.kind === 'employee' || c.kind === 'vendor')).toBe(true);
  });

  it('never auto-applies below the threshold or when two candidates are close', () => {
    const [s] = suggestMappings([{ id: 't', kind: 'task', name: 'Development' }], qbo, { threshold: 1.01 });
    expect(s!.autoApply).toBeNull();
    const twins: QboRef[] = [
      { id: 'a', name: 'Design', active: true, kind: 'item' },
      { id: 'b', name: 'design', active: true, kind: 'item' },
    ];
    expect(suggestMappings([{ id: 't', kind: 'task', name: 'Design' }], twins)[0]!.autoApply).toBeNull();
  });
});
