// The IPC QboPort: each call is one qbo:* channel, and each IPC error kind becomes the failure the
// engine's classification acts on (auth → pause, network → resend the same request, 503 → back off,
// a fault → flag), with a 610 on read meaning "gone". Status, code and intuit_tid are read from the
// error's structured `remote` detail; the message is only for people.
import { describe, expect, it } from 'vitest';
import type { RemoteDetail } from '../../../shared/ipc/errors';
import { classifyFault } from '../../../shared/sync/classify';
import { QBD_QUEUED } from '../../../shared/qbd/translate';
import { ipcQboPort, portErrorFromIpc, sendFailureOf, QboPortError } from '../../../renderer/src/features/quickbooks/engine/qbo-port';

function fakeApi(answers: Record<string, unknown>) {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    api: {
      invoke: (async (channel: string, request?: unknown) => {
        calls.push([channel, request]);
        return answers[channel] as never;
      }) as never,
    },
  };
}

describe('ipcQboPort', () => {
  it('sends a batch over qbo:sendBatch with its requestid and returns the per-item answers', async () => {
    const { api, calls } = fakeApi({ 'qbo:sendBatch': { ok: true, value: { items: [{ bId: 'b1', entity: 'TimeActivity', data: { Id: '1' }, queryResponse: null, fault: null }] } } });
    const port = ipcQboPort(api, 'co-0000abcd');
    const r = await port.batch('0000-req', [{ bId: 'b1', operation: 'create', entity: 'TimeActivity', body: { Hours: 1 } }]);
    expect(r.items[0]!.data).toEqual({ Id: '1' });
    // Every call names the company it is for.
    expect(calls[0]).toEqual(['qbo:sendBatch', { companyId: 'co-0000abcd', requestId: '0000-req', items: [{ bId: 'b1', operation: 'create', entity: 'TimeActivity', body: { Hours: 1 } }] }]);
  });

  it('reads a missing entity as null and rethrows other failures as port errors', async () => {
    const gone = fakeApi({ 'qbo:readEntity': { ok: false, error: { kind: 'remote', message: 'Object Not Found', retryable: false, remote: { status: 400, code: '610' } } } });
    expect(await ipcQboPort(gone.api, 'primary').read('TimeActivity', '9')).toBeNull();
    const down = fakeApi({ 'qbo:queryAll': { ok: false, error: { kind: 'network', message: 'dropped', retryable: true } } });
    await expect(ipcQboPort(down.api, 'primary').queryAll('Customer')).rejects.toBeInstanceOf(QboPortError);
  });
});

describe('IPC errors → engine actions', () => {
  const action = (kind: string, message: string, retryable = false, remote?: RemoteDetail) =>
    classifyFault(sendFailureOf(portErrorFromIpc({ kind: kind as never, message, retryable, ...(remote ? { remote } : {}) }))).action;

  it('maps each kind to what the engine does', () => {
    expect(action('auth', 'Reconnect QuickBooks: invalid_grant')).toBe('pause_auth');
    expect(action('network', 'QuickBooks could not be reached or the connection dropped (ECONNRESET).', true)).toBe('retry_same');
    expect(action('remote', 'Service Unavailable', true, { status: 503, code: '503', intuitTid: 'abc-1' })).toBe('retry_after');
    expect(action('remote', 'message=ThrottleExceeded', true, { status: 429, code: '3001' })).toBe('retry_after');
    expect(action('remote', 'QuickBooks answered HTTP 502', true, { status: 502 })).toBe('retry_same');
    expect(action('remote', 'Business Validation Error: books are closed', false, { status: 400, code: '6000' })).toBe('flag');
    expect(portErrorFromIpc({ kind: 'remote', message: 'x', retryable: true, remote: { status: 503, intuitTid: 'abc-1' } }).details.intuitTid).toBe('abc-1');
  });

  it('reads status, code and intuit_tid from the structured detail, not from the message', () => {
    const error = portErrorFromIpc({ kind: 'remote', message: 'QuickBooks fault 9999: HTTP 418 (intuit_tid wrong)', retryable: false, remote: { status: 400, code: '6240', type: 'ValidationFault', intuitTid: 'tid-7' } });
    expect(error.details).toEqual({ status: 400, code: '6240', type: 'ValidationFault', intuitTid: 'tid-7' });
    expect(sendFailureOf(error)).toMatchObject({ status: 400, type: 'ValidationFault', errors: [{ code: '6240' }], intuitTid: 'tid-7' });
  });

  it('reads a Desktop send held for the Web Connector as queued, not as a dropped connection', () => {
    const message = 'Waiting for the QuickBooks Web Connector to take these changes to QuickBooks Desktop.';
    const queued = portErrorFromIpc({ kind: 'network', message, retryable: true, remote: { type: QBD_QUEUED } });
    expect(sendFailureOf(queued)).toEqual({ kind: 'network', reason: 'queued', message });
    expect(sendFailureOf(portErrorFromIpc({ kind: 'network', message: 'socket hang up', retryable: true }))).toMatchObject({ reason: 'dropped' });
    expect(classifyFault(sendFailureOf(queued)).action).toBe('retry_same');
  });
});
