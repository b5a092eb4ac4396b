import { useUi } from '../app/ui-store';
import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

export function ReviewScreen() {
  const go = useUi((s) => s.go);
  return (
    <>
      <ScreenHeader title="Review" subtitle="Turn the day’s activity into entries" />
      <EmptyState icon="review" title="No activity captured for this day"
        action={<button type="button" className="button" onClick={() => go('settings')}>Open capture settings</button>}>
        <p>When activity capture is on, Track Nexus notes which window you work in and proposes entries with a suggested client and project, each with its reason. Nothing captured ever leaves this computer.</p>
      </EmptyState>
    </>
  );
}
