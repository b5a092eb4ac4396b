// The QuickBooks Estimates a progress budget can be taken from: read once from every connected
// company when the projects section opens (QuickBooks is only read), and offered for a project
// when they are for its customer (the project's own, else its client's) in its company.
import { useEffect, useState } from 'react';
import { decimalToMinor } from '../../../../shared/qbo/decimal';
import type { QboEstimate } from '../../../../shared/qbo/types';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../../data/repos-context';
import type { ProjectRow } from '../../db/schema';
import { api } from '../../platform/api';
import { ipcQboPort } from '../quickbooks/engine/qbo-port';
import { companyOfProject } from '../quickbooks/store/sync-context';
import { isDesktop, useQboCompanies } from '../quickbooks/use-companies';
import type { EstimateChoice } from './BillingSection';

/** Open estimates (not closed or rejected) of each connected company. */
function useCompanyEstimates(): ReadonlyMap<string, QboEstimate[]> {
  const { companies } = useQboCompanies();
  const [estimates, setEstimates] = useState<ReadonlyMap<string, QboEstimate[]>>(new Map());
  const connected = (companies ?? []).filter((c) => c.state === 'connected' && !isDesktop(c)).map((c) => c.companyId).join();
  useEffect(() => {
    let live = true;
    const ids = connected ? connected.split(',') : [];
    void Promise.all(ids.map(async (id) => [id, await ipcQboPort(api, id).queryAll('Estimate').catch(() => [])] as const)).then((all) => {
      if (live) setEstimates(new Map(all.map(([id, list]) => [id, list.filter((e) => e.TxnStatus !== 'Closed' && e.TxnStatus !== 'Rejected')])));
    });
    return () => {
      live = false;
    };
  }, [connected]);
  return estimates;
}

/** `estimatesFor` for the projects section. */
export function useEstimates(): (project: ProjectRow | undefined) => readonly EstimateChoice[] {
  const estimates = useCompanyEstimates();
  const repos = useRepos();
  const clients = useLiveQuery(() => repos.clients.list({ includeArchived: true }), [repos]) ?? [];
  return (project) => {
    if (!project) return [];
    const byId = new Map(clients.map((c) => [c.id, c]));
    const companyId = companyOfProject(project, byId);
    const customerId = project.qboCustomerId ?? (project.clientId ? byId.get(project.clientId)?.qboCustomerId : null);
    if (!customerId) return [];
    return (estimates.get(companyId) ?? [])
      .filter((e) => e.CustomerRef.value === customerId)
      .map((e) => ({ companyId, id: e.Id, docNumber: e.DocNumber ?? null, customerName: e.CustomerRef.name ?? `Customer ${customerId}`, totalMinor: decimalToMinor(e.TotalAmt ?? 0, project.currency) ?? 0 }));
  };
}
