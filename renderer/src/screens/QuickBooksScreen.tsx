import { ScreenHeader } from '../components/ScreenHeader';
import { ConnectionCard, useQboStatus } from '../features/quickbooks/ConnectionCard';
import '../features/quickbooks/quickbooks.css';

export function QuickBooksScreen() {
  const status = useQboStatus();
  const subtitle =
    status?.state === 'connected'
      ? `Connected to ${status.companyName ?? 'QuickBooks'}`
      : status?.state === 'reconnect_required'
        ? 'Reconnect QuickBooks to keep syncing'
        : 'QuickBooks Online';
  return (
    <>
      <ScreenHeader title="QuickBooks" subtitle={subtitle} />
      <ConnectionCard status={status} />
    </>
  );
}
