// @vitest-environment jsdom
// A QuickBooks sync in progress (any company's) holds back a restart into an update (issue 19).
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { SyncServices } from '../../../renderer/src/features/quickbooks/SyncServiceProvider';
import type { SyncService } from '../../../renderer/src/features/quickbooks/engine/sync-service';
import { useSyncBusy } from '../../../renderer/src/features/updates/use-sync-busy';
import { useUpdates } from '../../../renderer/src/features/updates/update-store';

afterEach(cleanup);

it('reports a sync as busy while any company’s sync runs', () => {
  const uis = new Map(['a', 'b'].map((id) => [id, createStore(() => ({ running: false }))]));
  const services = { of: (id: string) => ({ ui: uis.get(id) }) as unknown as SyncService } as SyncServices;
  useUpdates.setState({ busy: { timer: 0, dialog: 0, sync: 0 } });
  renderHook(() => useSyncBusy(services, ['a', 'b']));
  expect(useUpdates.getState().busy.sync).toBe(0);
  act(() => uis.get('b')!.setState({ running: true }));
  expect(useUpdates.getState().busy.sync).toBe(1);
  act(() => uis.get('b')!.setState({ running: false }));
  expect(useUpdates.getState().busy.sync).toBe(0);
});
