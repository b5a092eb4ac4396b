// A QuickBooks fault crosses IPC as data: main's handler error carries its HTTP status, code and
// intuit_tid in `remote`, which survives both transports (the browser harness sends the router's
// answer as JSON; Electron's IPC structured-clones it) and reaches the renderer's QboPort as
// fields, without reading the message.
import { describe, expect, it } from 'vitest';
import { IpcRouter } from '../../electron/main/ipc/router';
import { QboFault } from '../../electron/main/qbo/faults';
import { toAppError } from '../../electron/main/qbo/handlers';
import type { RendererApi } from '../../shared/ipc/contract';
import { ipcQboPort, QboPortError } from '../../renderer/src/features/quickbooks/engine/qbo-port';

const body = JSON.stringify({ Fault: { type: 'ValidationFault', Error: [{ Message: 'Duplicate Name Exists Error', Detail: 'The name supplied already exists.', code: '6240' }] } });

function router(): IpcRouter {
  const r = new IpcRouter();
  r.handle('qbo:queryAll', () => {
    throw toAppError(QboFault.fromResponse(400, body, '1-abc-tid'));
  });
  return r;
}

const transports: Array<[string, (value: unknown) => unknown]> = [
  ['the harness (JSON over HTTP)', (value) => JSON.parse(JSON.stringify(value))],
  ['the Electron preload (structured clone)', (value) => structuredClone(value)],
];

describe('QuickBooks faults across IPC', () => {
  it.each(transports)('arrive with status, code and intuit_tid as fields over %s', async (_name, carry) => {
    const r = router();
    const invoke = (async (channel: string, payload?: unknown) => carry(await r.dispatch(channel, payload))) as RendererApi['invoke'];
    const error = await ipcQboPort({ invoke }, 'primary').queryAll('Customer').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QboPortError);
    expect((error as QboPortError).kind).toBe('remote');
    expect((error as QboPortError).details).toEqual({ status: 400, code: '6240', type: 'ValidationFault', intuitTid: '1-abc-tid' });
  });
});
