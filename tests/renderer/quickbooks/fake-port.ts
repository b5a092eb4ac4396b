// A QboPort over a fake main process: each qbo:* call is answered by `answer` and goes through the
// app's own ipcQboPort, so a fake hands over plain QuickBooks objects and gets them typed and
// checked exactly as the app does. `notFound` is QuickBooks' 610 (a read of something gone).
import type { InvokeChannel, RendererApi } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';
import { ipcQboPort, type QboPort } from '../../../renderer/src/features/quickbooks/engine/qbo-port';

export const ok = (value: unknown): IpcResult<unknown> => ({ ok: true, value });
export const notFound: IpcResult<unknown> = { ok: false, error: { kind: 'remote', message: 'Object Not Found', retryable: false, remote: { status: 400, code: '610' } } };

export function fakeQboPort(answer: (channel: InvokeChannel, request: unknown) => IpcResult<unknown>, companyId = 'primary'): QboPort {
  const invoke = (async (channel: InvokeChannel, request?: unknown) => answer(channel, request)) as RendererApi['invoke'];
  return ipcQboPort({ invoke }, companyId);
}
