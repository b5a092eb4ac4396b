// Reminders as notifications of the operating system: the renderer decides what is due
// (shared/reminders/policy.ts) and asks main to show it; a click comes back as an event naming the
// screen to open.
import { z } from 'zod';
import { ReminderTarget } from '../../reminders/policy';

const Notify = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  target: ReminderTarget,
});

export const remindersCalls = {
  /** Shows a notification; `shown` is false where the system has none (then only the app says so). */
  'reminders:showReminder': { request: Notify, response: z.object({ shown: z.boolean() }) },
} as const;

export const remindersEvents = {
  /** The person clicked a reminder: the window is brought forward and the renderer opens `target`. */
  'reminders:clicked': z.object({ target: ReminderTarget }),
} as const;
