// @vitest-environment jsdom
// Today's review asks main for captured activity up to now (main does not wake while the same window
// stays in front, so the open segment would otherwise arrive only at the next change or idle check);
// an earlier day does not ask, and coming back to the window asks again.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { RendererApi } from '../../../shared/ipc/contract';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { ReviewScreen } from '../../../renderer/src/features/review/ReviewScreen';

afterEach(cleanup);

it('asks main to bring captured activity up to date while today is shown, and on coming back to the window', async () => {
  const calls: string[] = [];
  window.api = {
    invoke: (async (channel: string) => {
      calls.push(channel);
      if (channel === 'capture:refreshSegments') return { ok: true, value: { ok: true } };
      return { ok: false, error: { kind: 'unavailable', message: 'not in this test', retryable: false } };
    }) as RendererApi['invoke'],
    on: () => () => {},
  };
  const refreshes = () => calls.filter((c) => c === 'capture:refreshSegments').length;
  render(<ReposProvider dbName="review-capture-refresh"><ReviewScreen /></ReposProvider>);
  await waitFor(() => expect(refreshes()).toBe(1));
  window.dispatchEvent(new Event('focus'));
  expect(refreshes()).toBe(2);
  fireEvent.click(await screen.findByRole('button', { name: /Previous day/ }));
  window.dispatchEvent(new Event('focus'));
  expect(refreshes()).toBe(2);
});
