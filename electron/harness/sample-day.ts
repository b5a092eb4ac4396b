// `npm run web -- --sample-day`: a day of captured activity to try Review with, where no desktop is
// captured (a container, a server, a machine without X11). It is written into the capture journal
// of the data folder, as capture itself writes a day it has not delivered yet, so the renderer
// receives it through the same path (capture:resendPending) and stores it as it would real
// activity. The day is yesterday, 09:00 to 17:30 in `zone`; the window titles name the projects
// "Customer portal" and "Security audit" (client Acme Corp), so once those exist the matcher
// suggests them, and the other windows stay unassigned until the user decides.
import { openCaptureJournal } from '../main/capture/journal';
import type { ActivitySegment } from '../../shared/capture/types';
import { addLocalDays } from '../../shared/time/local-date';
import { localDate, zonedInstant } from '../../shared/time/zone';

const DAY: ReadonlyArray<[from: string, to: string, app: string, title: string, url?: string]> = [
  ['09:00', '09:25', 'Outlook', 'Inbox — Outlook'],
  ['09:25', '10:40', 'Code', 'login.ts — Customer portal — Visual Studio Code'],
  ['10:40', '10:48', 'Firefox', 'Latest headlines — The Daily News', 'https://news.example.com/'],
  ['10:48', '12:05', 'Google Chrome', 'Customer portal staging — Google Chrome', 'https://portal.acme.example/'],
  ['13:00', '14:10', 'Word', 'Security audit findings.docx — Word'],
  ['14:10', '14:30', 'Zoom', 'Zoom Meeting'],
  ['14:30', '15:45', 'Excel', 'Security audit — risk register.xlsx — Excel'],
  ['15:45', '16:00', 'Firefox', 'Online banking', 'https://bank.example/'],
  ['16:00', '17:30', 'Code', 'session.ts — Customer portal — Visual Studio Code'],
];

export function writeSampleDay(dataDir: string, zone: string, now = Date.now()): number {
  const day = addLocalDays(localDate(now, zone), -1);
  const journal = openCaptureJournal({ dataDir, syncEveryMs: 0 });
  try {
    DAY.forEach(([from, to, app, title, url], i) => {
      const segment: ActivitySegment = {
        id: `sample-${day}-${i}`, start: zonedInstant(day, from, zone), end: zonedInstant(day, to, zone), app, title, url: url ?? null, kind: 'active',
      };
      journal.put(segment, true);
    });
  } finally {
    journal.close();
  }
  return DAY.length;
}
