// Since August 2025 QuickBooks serves minor versions 1–74 as 75, and a request without one as 75
// too (§2 B1, §13.10). So a field older minor versions lacked (Item Sku) is written and read
// whatever minorversion a client sends, and every minor version gets the same answer.
import { expect, it } from 'vitest';
import { boot, rows } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
const withoutTime = (body: Record<string, unknown>) => ({ ...body, time: undefined });

it('serves minor versions under 75, and none at all, as 75', async () => {
  const design = (await rows(h, 'Item', "where Name = 'Design'"))[0];
  const created = await h.api('POST', 'item?minorversion=1', { Name: 'Survey', Type: 'Service', Sku: 'SRV-01', IncomeAccountRef: design.IncomeAccountRef });
  expect(created.status).toBe(200);
  expect(created.json.Item.Sku).toBe('SRV-01');
  const answers = await Promise.all(['?minorversion=4', '?minorversion=40', '', '?minorversion=75'].map((q) => h.api('GET', `item/${created.json.Item.Id}${q}`)));
  expect(answers.map((a) => a.json.Item.Sku)).toEqual(['SRV-01', 'SRV-01', 'SRV-01', 'SRV-01']);
  for (const a of answers) expect(withoutTime(a.json)).toEqual(withoutTime(answers[3]!.json));
});
