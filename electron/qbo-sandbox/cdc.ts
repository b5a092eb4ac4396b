// Change data capture: what changed in the company since a moment, grouped by entity type,
// deleted objects after the live ones, at most 1000 objects. Intuit documents a 30-day look-back,
// but a recorded real answer to a changedSince years back is a plain 200 with the changes
// (minimul/qbo_api spec/vcr/cdc/basic.yml), so an older moment is answered, not refused; clients
// must not count on a refusal to tell them to import everything again.
import { faults } from './errors';
import { ENTITY_TYPES, present, type Company, type EntityType } from './store';
import { qboDateTime } from './time';

const CDC_MAX_OBJECTS = 1000;
/**
 * Intuit documents these as not supported by CDC (TimeActivity is the one that matters here);
 * RecurringTransaction is refused too (UNCONFIRMED: Intuit's CDC list does not name it).
 */
const NOT_SUPPORTED: readonly EntityType[] = ['TimeActivity', 'TaxCode', 'TaxRate', 'RecurringTransaction'];

export function runCdc(co: Company, entitiesParam: string | null, changedSinceParam: string | null): Array<Record<string, unknown>> {
  if (!entitiesParam) throw faults.requiredMissing('entities');
  if (!changedSinceParam) throw faults.requiredMissing('changedSince');
  const since = Date.parse(changedSinceParam);
  if (Number.isNaN(since)) throw faults.queryValidation(`changedSince ${changedSinceParam} is not a valid date-time`);

  const types = entitiesParam.split(',').map((s) => s.trim()).filter(Boolean);
  const resolved = types.map((name) => {
    const type = ENTITY_TYPES.find((t) => t.toLowerCase() === name.toLowerCase());
    if (!type) throw faults.queryValidation(`${name} is not a valid entity`);
    if (NOT_SUPPORTED.includes(type)) throw faults.queryValidation(`Change data capture is not supported for ${type}`);
    return type;
  });

  let budget = CDC_MAX_OBJECTS;
  const groups = resolved.map((type) => {
    const changed = co
      .all(type)
      .map((e) => ({ e, at: Date.parse(e.MetaData.LastUpdatedTime) }))
      .filter((x) => x.at >= since)
      .sort((a, b) => a.at - b.at)
      .map((x) => present(type, x.e));
    const deleted = co.data.tombstones
      .filter((t) => t.type === type && t.deletedAt >= since)
      .sort((a, b) => a.deletedAt - b.deletedAt)
      .map((t) => ({ Id: t.Id, status: 'Deleted', domain: 'QBO', MetaData: { LastUpdatedTime: qboDateTime(t.deletedAt) } }));
    const rows = [...changed, ...deleted].slice(0, Math.max(0, budget));
    budget -= rows.length;
    return rows.length ? { [type]: rows, startPosition: 1, maxResults: rows.length } : {};
  });
  return [{ QueryResponse: groups }];
}
