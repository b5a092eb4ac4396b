// reminders:showReminder through main's router with the harness's recording notifier: the notification is
// shown with its words, a bad target is refused, and a click brings the window forward and tells the
// renderer which screen to open.
import { describe, expect, it } from 'vitest';
import { recordingNotifier } from '../../electron/harness/recording-notifier';
import { EventBus } from '../../electron/main/ipc/events';
import { IpcRouter } from '../../electron/main/ipc/router';
import { registerReminderHandlers } from '../../electron/main/reminders/reminders-handlers';

function setup(withNotifier = true) {
  const router = new IpcRouter();
  const events = new EventBus();
  const heard: Array<{ event: string; payload: unknown }> = [];
  events.addSink((event, payload) => heard.push({ event, payload }));
  const notices = recordingNotifier();
  let opened = 0;
  registerReminderHandlers(router, events.emit.bind(events), { notifier: withNotifier ? notices.notifier : undefined, openWindow: () => opened++ });
  return { router, heard, notices, opened: () => opened };
}

const review = { id: 'review:2026-06-10', title: 'A day is waiting for review', body: 'Captured activity on 2026-06-10 is not reviewed yet.', target: { screen: 'review', day: '2026-06-10' } };

describe('reminders in main', () => {
  it('shows the notification, and a click opens the window and names the screen', async () => {
    const { router, heard, notices, opened } = setup();
    expect(await router.dispatch('reminders:showReminder', review)).toEqual({ ok: true, value: { shown: true } });
    expect(notices.list()).toEqual([{ title: review.title, body: review.body }]);
    expect(heard).toEqual([]);
    expect(notices.click(0)).toBe(true);
    expect(opened()).toBe(1);
    expect(heard).toEqual([{ event: 'reminders:clicked', payload: { target: review.target } }]);
  });

  it('refuses a target that is not a screen of the app', async () => {
    const { router, notices } = setup();
    const result = await router.dispatch('reminders:showReminder', { ...review, target: { screen: 'https://evil.example' } });
    expect(result.ok).toBe(false);
    expect(notices.list()).toEqual([]);
  });

  it('says it was not shown where there is no notifier', async () => {
    const { router } = setup(false);
    expect(await router.dispatch('reminders:showReminder', review)).toEqual({ ok: true, value: { shown: false } });
  });
});
