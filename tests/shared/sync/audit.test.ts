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
      // The key and what was sent: the trail can name the time and its amount without the outbox.
      key: 'entry:e1',
      payload: row.payload,
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
      'id,at,op,entryIds,entryVersions,payloadHash,qboId,syncToken,intuitTid,requestId,outcome,message,key,event,date,client,project,task,start,end,entries,duration,measured,amount,currency\r\n' +
        'a1,2026-03-16T14:05:00.000Z,create,"e1;e2","1;2",abc,77,0,tid,req,ok,,,,,,,,,,,,,,\r\n',
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = auditCsv([{ ...record, outcome: 'failed', message: 'QuickBooks said "no", twice\nreally' }]);
    expect(csv.split('\r\n')[1]).toBe('a1,2026-03-16T14:05:00.000Z,create,"e1;e2","1;2",abc,77,0,tid,req,failed,"QuickBooks said ""no"", twice\nreally",,,,,,,,,,,,,');
  });

  it('neutralises formulas in any cell', () => {
    const message = (csv: string) => csv.split('\r\n')[1]!.split(',').slice(11).join(',').replace(/,{13}$/, '');
    for (const bad of ['=HYPERLINK(1)', '+1+1', '-2', '@SUM(A1)']) {
      expect(message(auditCsv([{ ...record, message: bad }]))).toBe(`'${bad}`);
    }
    // A tab is quoted as well, for spreadsheets that split on tabs.
    expect(message(auditCsv([{ ...record, message: '\t=1' }]))).toBe(`"'\t=1"`);
    expect(message(auditCsv([{ ...record, message: '=HYPERLINK("http://x")' }]))).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(message(auditCsv([{ ...record, message: 'fine' }]))).toBe('fine');
    const csv = auditCsv([{ ...record, message: '=cmd|calc', qboId: '-1' }]);
    expect(csv).toContain(",'-1,");
    expect(csv).toContain(",'=cmd|calc,");
  });

  it('is just the header for no records', () => {
    expect(auditCsv([])).toBe('id,at,op,entryIds,entryVersions,payloadHash,qboId,syncToken,intuitTid,requestId,outcome,message,key,event,date,client,project,task,start,end,entries,duration,measured,amount,currency\r\n');
  });

  it('keeps every machine field and adds the readable columns the caller gives, guarded too', () => {
    const readable = {
      event: 'Sent to QuickBooks', date: '2026-03-16', client: '=Acme', project: 'Website, phase 2', task: 'Design', start: '09:00', end: '10:30', entries: 1,
      duration: '1:30', measured: '1:28', amount: '180.00', currency: 'USD',
    };
    const csv = auditCsv([{ ...record, key: 'entry:e1' }, { ...record, id: 'a2' }], (r) => (r.id === 'a1' ? readable : undefined));
    const [header, first, second] = csv.split('\r\n');
    expect(header!.split(',')).toEqual(['id', 'at', 'op', 'entryIds', 'entryVersions', 'payloadHash', 'qboId', 'syncToken', 'intuitTid', 'requestId', 'outcome', 'message',
      'key', 'event', 'date', 'client', 'project', 'task', 'start', 'end', 'entries', 'duration', 'measured', 'amount', 'currency']);
    expect(first).toBe(`a1,2026-03-16T14:05:00.000Z,create,"e1;e2","1;2",abc,77,0,tid,req,ok,,entry:e1,Sent to QuickBooks,2026-03-16,'=Acme,"Website, phase 2",Design,09:00,10:30,1,1:30,1:28,180.00,USD`);
    expect(second).toBe('a2,2026-03-16T14:05:00.000Z,create,"e1;e2","1;2",abc,77,0,tid,req,ok,,,,,,,,,,,,,,');
  });
});
