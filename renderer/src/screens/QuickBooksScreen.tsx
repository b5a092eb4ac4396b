import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

export function QuickBooksScreen() {
  return (
    <>
      <ScreenHeader title="QuickBooks" subtitle="QuickBooks Online" />
      <EmptyState icon="quickbooks" title="QuickBooks is not connected">
        <p>Connect your QuickBooks Online company to send approved time as time activities, on the right customer, service item and rate, exactly once.</p>
      </EmptyState>
    </>
  );
}
