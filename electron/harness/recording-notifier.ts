// The harness's reminder notifier: a browser page has no notifications of the OS to show, so main
// keeps what it was asked to show, for end-to-end tests (the /_harness/reminders controls list them
// and click one).
import type { ReminderNotifier } from '../main/reminders/reminders-handlers';

export function recordingNotifier() {
  const shown: Array<{ title: string; body: string; click: () => void }> = [];
  const notifier: ReminderNotifier = {
    supported: () => true,
    show({ title, body }, onClick) {
      shown.push({ title, body, click: onClick });
    },
  };
  return {
    notifier,
    list: () => shown.map(({ title, body }) => ({ title, body })),
    /** Clicks the `index`th notification shown; false when there is none. */
    click(index: number): boolean {
      const n = shown[index];
      n?.click();
      return n !== undefined;
    },
  };
}
