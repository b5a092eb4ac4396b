import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

export function TimesheetScreen() {
  return (
    <>
      <ScreenHeader title="Timesheet" subtitle="This week, by project and day" />
      <EmptyState icon="timesheet" title="No time this week">
        <p>The week’s entries appear here as a grid of projects by days, with day and week totals split into billable and non-billable time.</p>
      </EmptyState>
    </>
  );
}
