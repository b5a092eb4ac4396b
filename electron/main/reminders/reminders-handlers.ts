// Shows the renderer's reminders through the notifier port (electron's Notification in the app, a
// recorder in the harness) and, when one is clicked, brings the window forward and tells the
// renderer which screen to open.
import type { Emit } from '../ipc/events';
import type { IpcRouter } from '../ipc/router';

/** A notification of the operating system; `supported` is false where there is none. */
export interface ReminderNotifier {
  supported(): boolean;
  show(notice: { title: string; body: string }, onClick: () => void): void;
}

export function registerReminderHandlers(router: IpcRouter, emit: Emit, deps: { notifier?: ReminderNotifier; openWindow: () => void }): void {
  router.handle('reminders:showReminder', ({ title, body, target }) => {
    const notifier = deps.notifier;
    if (!notifier?.supported()) return { shown: false };
    notifier.show({ title, body }, () => {
      deps.openWindow();
      emit('reminders:clicked', { target });
    });
    return { shown: true };
  });
}
