// What the support log hears, and from where: the IPC router's answers (errors by kind and channel,
// QuickBooks faults by code and intuit_tid, sync calls that succeeded), capture's state changes,
// the Web Connector's callbacks and the app's start and stop. Payloads, messages, titles and qbXML
// never reach the logger; what does still passes fields.ts.
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';
import type { Logger } from './logger';

/** The calls a sync run is made of: logged when they succeed, so support sees the runs. */
const SYNC_CALLS: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>(['qbo:getChanges', 'qbo:sendBatch']);

export function ipcLog(logger: Logger) {
  return (channel: InvokeChannel, result: IpcResult<unknown>): void => {
    if (result.ok) {
      if (SYNC_CALLS.has(channel)) logger.log('info', 'qbo.sync', { channel });
      return;
    }
    const { kind, retryable, remote } = result.error;
    if (remote) {
      logger.log('warn', 'qbo.fault', { channel, kind, retryable, status: remote.status, code: remote.code, faultType: remote.type, intuitTid: remote.intuitTid });
    } else {
      logger.log(kind === 'internal' ? 'error' : 'warn', 'ipc.error', { channel, kind, retryable });
    }
  };
}

/** An event sink: capture's state (never its reason, which may quote a rule) and mode. */
export function eventLog(logger: Logger) {
  let updateStatus: unknown = null;
  return (event: EventChannel, payload: unknown): void => {
    if (typeof payload !== 'object' || payload === null) return;
    if (event === 'capture:status') {
      const { state, mode } = payload as { state?: unknown; mode?: unknown };
      logger.log(state === 'failed' || state === 'unavailable' ? 'warn' : 'info', 'capture.state', { state, mode });
    } else if (event === 'update:stateChanged') {
      // Each change of status once (a download's progress would repeat it), without the words.
      const { status, version, channel } = payload as { status?: unknown; version?: unknown; channel?: unknown };
      if (status === updateStatus) return;
      updateStatus = status;
      logger.log(status === 'failed' ? 'warn' : 'info', 'update', { phase: status, version, channelName: channel === 'beta' ? 'beta' : 'stable' });
    }
  };
}

/** One Web Connector callback: its name, and whether it failed (the error's words stay out). */
export function qbwcLog(logger: Logger) {
  return (companyId: string, event: { method: string; error?: string }): void => {
    const failed = event.error !== undefined;
    logger.log(failed ? 'warn' : 'info', 'qbwc.session', { companyId, method: event.method, failed });
  };
}

export function logAppStart(logger: Logger, app: { version: string; shell: string; platform: string }, versions: Partial<Record<string, string>>): void {
  logger.log('info', 'app.start', { ...app, arch: process.arch, electron: versions['electron'], node: versions['node'], chrome: versions['chrome'] });
}
