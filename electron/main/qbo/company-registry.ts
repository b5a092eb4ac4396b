// The QuickBooks companies of the workspace, kept as plain JSON in the data folder (nothing secret:
// each company's tokens live in the SecretStore under connectionKey(id)). A company stays listed
// after a disconnect, keeping its id, so its mapping and history stay its own when it comes back.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompanyId, QboEnvironment } from '../../../shared/ipc/domains/qbo';
import { PRIMARY_COMPANY } from '../../../shared/qbo/company';
import { z } from 'zod';
import { writePrivateJson } from './settings-store';

const CompanyRecord = z.object({
  id: CompanyId,
  environment: QboEnvironment,
  realmId: z.string(),
  companyName: z.string().nullable(),
  createdAt: z.number(),
});
export type CompanyRecord = z.infer<typeof CompanyRecord>;

export function registryFile(dataDir: string): string {
  return join(dataDir, 'qbo-companies.json');
}

/** Oldest first. */
export async function loadCompanies(file: string): Promise<CompanyRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = z.object({ companies: z.array(CompanyRecord) }).parse(JSON.parse(text));
  return [...parsed.companies].sort((a, b) => a.createdAt - b.createdAt);
}

/** Written whole, so a crash leaves the old list or the new one. */
export async function saveCompanies(file: string, companies: readonly CompanyRecord[]): Promise<void> {
  await writePrivateJson(file, { companies });
}

/**
 * The first company ever connected is 'primary' (the data synced before companies belongs to it).
 * `existing` holds every company of the workspace, Online and Desktop (one id space).
 */
export function newCompanyId(existing: readonly { id: CompanyId }[]): CompanyId {
  if (!existing.some((c) => c.id === PRIMARY_COMPANY)) return PRIMARY_COMPANY;
  for (;;) {
    const id = `co-${randomBytes(4).toString('hex')}`;
    if (!existing.some((c) => c.id === id)) return id;
  }
}
