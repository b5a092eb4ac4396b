// Property: any STARTPOSITION/MAXRESULTS page is exactly that slice of the full ordered result,
// so a client paging with any page size sees every row once.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { boot } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
let all: string[];
beforeAll(async () => {
  await h.control('reset', { extraCustomers: 60 });
  const r = await h.api('GET', `query?query=${encodeURIComponent('select * from Customer ORDERBY DisplayName MAXRESULTS 1000')}`);
  all = r.json.QueryResponse.Customer.map((c: { Id: string }) => c.Id);
});

it('pages are slices of the ordered result', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 40 }), async (start, max) => {
      const q = `select * from Customer ORDERBY DisplayName STARTPOSITION ${start} MAXRESULTS ${max}`;
      const page = (await h.api('GET', `query?query=${encodeURIComponent(q)}`)).json.QueryResponse;
      const ids = (page.Customer ?? []).map((c: { Id: string }) => c.Id);
      expect(ids).toEqual(all.slice(start - 1, start - 1 + max));
      if (ids.length) expect(page).toMatchObject({ startPosition: start, maxResults: ids.length });
    }),
    { numRuns: 60 },
  );
});
