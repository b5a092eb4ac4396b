// What the QuickBooks Desktop simulator's command line (cli.ts) reads and prints: its options, the
// .QWC file the app generated (AppURL, UserName and the schedule, laid out as shared/qbd/qwc.ts
// writes it), and one line in plain words per Web Connector session.
import { XMLParser } from 'fast-xml-parser';
import type { SessionReport } from './schedule';

export interface CliOptions {
  qwcFile: string;
  password: string;
  /** Seconds between sessions; the .QWC's schedule when left out. */
  everySeconds?: number;
  faults: boolean;
  /** JSON file keeping the simulated company file between runs. */
  companyFile?: string;
  sessions?: number;
  seed?: number;
}

export const USAGE = 'usage: npm run qbd-sim -- --qwc FILE [--password P] [--every SECONDS] [--faults] [--company FILE] [--sessions N] [--seed N]';

const positive = (flag: string, text: string, integer: boolean): number => {
  const n = Number(text);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`${flag} must be a positive ${integer ? 'whole ' : ''}number`);
  return n;
};

/** The options, or an Error saying what is wrong with them. The password may come from QBD_SIM_PASSWORD. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>): CliOptions {
  const found: Partial<CliOptions> = { faults: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    switch (flag) {
      case '--qwc': found.qwcFile = value(i++, flag); break;
      case '--password': found.password = value(i++, flag); break;
      case '--every': found.everySeconds = positive(flag, value(i++, flag), false); break;
      case '--faults': found.faults = true; break;
      case '--company': found.companyFile = value(i++, flag); break;
      case '--sessions': found.sessions = positive(flag, value(i++, flag), true); break;
      case '--seed': found.seed = positive(flag, value(i++, flag), true); break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (found.qwcFile === undefined) throw new Error('--qwc FILE is required (the .QWC file Track Nexus saved)');
  const password = found.password ?? env['QBD_SIM_PASSWORD'];
  if (password === undefined || password === '') throw new Error('give the Web Connector password with --password or QBD_SIM_PASSWORD');
  return { ...found, qwcFile: found.qwcFile, password, faults: found.faults ?? false };
}

interface QwcSettingsRead {
  appUrl: string;
  userName: string;
  /** RunEveryNMinutes, or RunEveryNSeconds in minutes; undefined without a Scheduler. */
  everyMinutes?: number;
}

/** AppURL, UserName and the schedule from a .QWC file's text (QBWC Programmer's Guide ch.4, shared/docs/qbo-api.md §9.2). */
export function readQwc(text: string): QwcSettingsRead {
  const parsed = new XMLParser({ parseTagValue: false }).parse(text) as { QBWCXML?: Record<string, unknown> };
  const q = parsed.QBWCXML;
  const appUrl = q?.['AppURL'];
  const userName = q?.['UserName'];
  if (typeof appUrl !== 'string' || typeof userName !== 'string') throw new Error('this is not a Web Connector .QWC file (no AppURL or UserName)');
  const scheduler = q?.['Scheduler'] as Record<string, string> | undefined;
  // "first one wins" when both are given (§9.2): minutes is checked first, as it is written first by the app.
  const minutes = scheduler?.['RunEveryNMinutes'] ?? (scheduler?.['RunEveryNSeconds'] === undefined ? undefined : String(Number(scheduler['RunEveryNSeconds']) / 60));
  return { appUrl, userName, ...(minutes === undefined ? {} : { everyMinutes: Number(minutes) }) };
}

const FAULT_WORDS: Record<NonNullable<SessionReport['fault']>, string> = {
  dropAfterApply: 'the connection dropped after QuickBooks saved the first update',
  companyClosed: 'QuickBooks could not be started',
  busy: 'QuickBooks was busy (company file open in single-user mode elsewhere)',
  staleEditSequence: 'someone edited a time entry in QuickBooks first',
};

/** One session in plain words. */
export function describeSession(r: SessionReport, added: number): string {
  const head = `Session ${r.index}${r.fault ? ` (${FAULT_WORDS[r.fault]})` : ''}:`;
  if (r.authenticated === 'nvu') return `${head} the Web Connector's user name or password was refused.`;
  if (r.authenticated === 'none') return `${head} Track Nexus had nothing to send.`;
  const sent = `${r.requests} request${r.requests === 1 ? '' : 's'} handed to QuickBooks, ${added} time entr${added === 1 ? 'y' : 'ies'} added`;
  const said = r.closedWith ? ` Track Nexus said: "${r.closedWith}"` : '';
  return `${head} ${sent}.${said}${r.error ? ` Problem: ${r.error}` : ''}`;
}
