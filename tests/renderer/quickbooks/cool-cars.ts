// The small QuickBooks company the QuickBooks screen's tests share: one sub-customer job, one
// service item and one employee, linked as the worker, in US dollars.
import type { Repos } from '../../../renderer/src/db/repos';

export const COOL_CARS = { customerId: '21', itemId: '7', employeeId: '29' } as const;

/** Writes the company into the local QuickBooks mirror as an import would. */
export async function seedCoolCars(repos: Repos): Promise<void> {
  await repos.qboMirror.putEntities([
    { kind: 'customer', id: COOL_CARS.customerId, name: 'Showroom Landscaping', fullyQualifiedName: 'Cool Cars:Showroom Landscaping', parentId: '20', active: true },
    { kind: 'item', id: COOL_CARS.itemId, name: 'Design', active: true, subtype: 'Service' },
    { kind: 'employee', id: COOL_CARS.employeeId, name: 'Emily Platt', active: true },
  ]);
  await repos.qboMirror.setState('worker', { nameOf: 'Employee', id: COOL_CARS.employeeId });
  await repos.qboMirror.setState('preferences', { CurrencyPrefs: { HomeCurrency: { value: 'USD' } } });
}
