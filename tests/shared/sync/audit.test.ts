import { describe, expect, it } from 'vitest';
import { auditCsv, auditForOutcome, type AuditRecord } from '../../../shared/sync/audit';
import type { OutboxRow } from '../../../shared/sync/outbox';

const row: OutboxRow = {
  id: 'r1',
  key: 'entry:e1',
  op: 'update',
  entryIds: ['e1', 'e2'],
  entryVersions: [3, 1],
  payload: { TxnDate: '2026-03-16', NameOf: 'Employee', EmployeeRef: { value: '55' }, BillableStatus: 'NotBillable', Hours: 1, Minutes: 0 },
  payloadHash: 'ab'.repeat(32),
  qboId: '501',
  syncToken: '3',
  requestId: '7f0c3a52-0000-4000-8000-000000000001',
  state: 'inflight',
  attempts: 1,
  createdAt: 0,
};

describe('auditForOutcome', () => {
  it('records what was sent and what QBO answered', () => {
    expect(auditForOutcome('a1', row, { rowId: 'r1', kind: 'done', qboId: '501', syncToken: '4', intuitTid: 'tid-1' }, 1_773_000_000_000)).toEqual({
      id: 'a1',
      at: 1_773_000_000_000,
      op: 'update',
      entryIds: ['e1', 'e2'],
      entryVersions: [3, 1],
      payloadHash: row.payloadHash,
      requestId: row.requestId,
      intuitTid: 'tid-1',
      qboId: '501',
      syncToken: '4',
      outcome: 'ok',
    });
    expect(auditForOutcome('a2', row, { rowId: 'r1', kind: 'flagged', userMessage: 'inactive' }, 0)).toMatchObject({ outcome: 'failed', message: 'inactive', qboId: '501' });
    expect(auditForOutcome('a3', row, { rowId: 'r1', kind: 'retry', userMessage: 'busy', retryAfterMs: 1 }, 0).outcome).toBe('retrying');
    expect(auditForOutcome('a4', row, { rowId: 'r1', kind: 'reread', userMessage: 'stale' }, 0).outcome).toBe('conflict');
    expect(auditForOutcome('a5', row, { rowId: 'r1', kind: 'done', qboId: '501' }, 0, 'batch-request-id').requestId).toBe('batch-request-id');
  });
});

describe('auditCsv', () => {
  const record: AuditRecord = {
    id: 'a1',
    at: Date.UTC(2026, 2, 16, 14, 5, 0),
    op: 'create',
    entryIds: ['e1', 'e2'],
    entryVersions: [1, 2],
    payloadHash: 'abc',
    qboId: '77',
    syncToken: '0',
    intuitTid: 'tid',
    requestId: 'req',
    outcome: 'ok',
  };

  it('writes RFC 4180 with a header and CRLF line ends', () => {
    expect(auditCsv([record])).toBe(
      'id,at,op,entryIds,entryVersions,payloadHash,qboId,syncToken,intuitTid,requestId,outcome,message\r\n' +
        'a1,2026-03-16T14:05:00.000Z,create,e1;e2,1;2,abc,77,0,tid,req,ok,\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = auditCsv([{ ...record, outcome: 'failed', message: 'QuickBooks said "no", twice\nreally' }]);
    expect(csv.split('\r\n')[1]).toBe('a1,2026-03-16T14:05:00.000Z,create,e1;e2,1;2,abc,77,0,tid,req,failed,"QuickBooks said ""no"", twice\nreally"');
  });

  it('neutralises formulas in any cell', () => {
    for (const bad of ['=HYPERLINK(1)', '+1+1', '-2', '@SUM(A1)', '\t=1']) {
      expect(auditCsv([{ ...record, message: bad }]).split('\r\n')[1]!.endsWith(`,'${bad}`)).toBe(true);
    }
    expect(auditCsv([{ ...record, message: '=HYPERLINK("http://x")' }]).split('\r\n')[1]!.endsWith(`,"'=HYPERLINK(""http://x"")"`)).toBe(true);
    expect(auditCsv([{ ...record, message: 'fine' }]).split('\r\n')[1]!.endsWith(',fine')).toBe(true);
    const csv = auditCsv([{ ...record, message: '=cmd|calc', qboId: '-1' }]);
    expect(csv).toContain(",'-1,");
    expect(csv).toContain(",'=cmd|calc\r\n");
  });

  it('is just the header for no records', () => {
    expect(auditCsv([])).toBe('id,at,op,entryIds,entryVersions,payloadHash,qboId,syncToken,intuitTid,requestId,outcome,message\r\n');
  });
});
