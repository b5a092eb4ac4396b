// @vitest-environment jsdom
// Safe mode in the review (issue 14): after an unclean shutdown main reports safe mode, the review
// says so and suggests nothing by rules, and "Turn my rules back on" brings the rule back.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { RendererApi } from '../../../shared/ipc/contract';
import { addLocalDays } from '../../../shared/time/local-date';
import { zonedInstant } from '../../../shared/time/zone';
import { currentZone, today } from '../../../renderer/src/app/clock';
import { ReposProvider } from '../../../renderer/src/data/repos-context';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { ReviewScreen } from '../../../renderer/src/features/review/ReviewScreen';

afterEach(cleanup);

it('suggests nothing by rules in safe mode, says so, and follows the rule again once turned back on', async () => {
  let safeMode = true;
  const calls: string[] = [];
  window.api = {
    invoke: (async (channel: string) => {
      calls.push(channel);
      if (channel === 'app:leaveSafeMode') safeMode = false;
      if (channel === 'app:getSafeMode' || channel === 'app:leaveSafeMode') return { ok: true, value: { on: safeMode } };
      return { ok: false, error: { kind: 'unavailable', message: 'not in this test', retryable: false } };
    }) as RendererApi['invoke'],
    on: () => () => {},
  };
  const db = await openDatabase('review-safe-mode');
  const repos = createRepos(db);
  const zone = currentZone();
  const yesterday = addLocalDays(today(zone), -1);
  const acme = await repos.clients.create({ name: 'Acme Corp' });
  const audit = await repos.projects.create({ name: 'Security audit', clientId: acme.id });
  await repos.projects.create({ name: 'Customer portal', clientId: acme.id });
  await repos.matcher.saveRule({ field: 'title', kind: 'contains', pattern: 'Q3 numbers', projectId: audit.id });
  await repos.segments.upsertMany(
    [{ id: 's1', start: zonedInstant(yesterday, '10:30', zone), end: zonedInstant(yesterday, '11:00', zone), app: 'Excel', title: 'Q3 numbers.xlsx', url: null, kind: 'active' }],
    zone,
  );

  render(<ReposProvider dbName="review-safe-mode"><ReviewScreen /></ReposProvider>);
  fireEvent.click(await screen.findByRole('button', { name: /Previous day/ }));
  await screen.findByText(/did not shut down cleanly last time/);
  // The rule is off: the window waits under "Not assigned" instead of becoming a proposal.
  await screen.findByText(/Not sure enough to suggest a project/);
  expect(screen.queryByRole('article', { name: /Proposed entry 10:30/ })).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Turn my rules back on' }));
  await screen.findByRole('article', { name: /Proposed entry 10:30/ });
  screen.getByText('Your rule sends windows whose title contains “Q3 numbers” to Acme Corp · Security audit.');
  expect(screen.queryByText(/did not shut down cleanly/)).toBeNull();
  expect(calls).toContain('app:leaveSafeMode');
});
