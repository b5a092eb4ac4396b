// `npm run qbd-sim -- --qwc FILE [--password P] [--every SECONDS] [--faults] [--company FILE] [--sessions N] [--seed N]`
// The QuickBooks Web Connector and QuickBooks Desktop, simulated: reads the .QWC file Track Nexus
// saved, then calls the app's Web Connector service on its schedule, answering from a simulated
// company file (kept in --company FILE between runs when given), and says what happened each session.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createCompany, type Company, type SavedCompany } from './company';
import { describeSession, parseCliArgs, readQwc, USAGE, type CliOptions } from './cli-options';
import { DEFAULT_FAULT_ODDS, runWebConnector, type SessionReport } from './schedule';

function loadCompany(file: string | undefined): Company {
  if (file === undefined || !existsSync(file)) return createCompany();
  return createCompany({}, { saved: JSON.parse(readFileSync(file, 'utf8')) as SavedCompany });
}

function summary(reports: readonly SessionReport[], company: Company): string {
  const faults = reports.filter((r) => r.fault !== null).length;
  const requests = reports.reduce((n, r) => n + r.requests, 0);
  return `${reports.length} session${reports.length === 1 ? '' : 's'} (${faults} with a fault), ${requests} requests handed to QuickBooks; the company file now holds ${company.timeTracking().length} time entries.`;
}

async function run(options: CliOptions): Promise<void> {
  const qwc = readQwc(readFileSync(options.qwcFile, 'utf8'));
  const everySeconds = options.everySeconds ?? (qwc.everyMinutes === undefined ? 300 : qwc.everyMinutes * 60);
  const company = loadCompany(options.companyFile);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  console.log(`Calling ${qwc.appUrl} as ${qwc.userName} every ${everySeconds} s${options.faults ? ', with faults' : ''}.`);
  let before = company.timeTracking().length;
  const reports = await runWebConnector({
    session: { url: qwc.appUrl, userName: qwc.userName, password: options.password, company },
    everyMs: everySeconds * 1000,
    ...(options.sessions === undefined ? {} : { sessions: options.sessions }),
    ...(options.faults ? { faults: DEFAULT_FAULT_ODDS } : {}),
    seed: options.seed ?? Date.now() % 2 ** 31,
    signal: stop.signal,
    sleep: (ms) => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stop.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    }),
    until: (report) => {
      const now = company.timeTracking().length;
      console.log(describeSession(report, now - before));
      before = now;
      if (options.companyFile !== undefined) writeFileSync(options.companyFile, JSON.stringify(company.save(), null, 2));
      return false;
    },
  });
  console.log(summary(reports, company));
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`qbd-sim: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  try {
    await run(options);
  } catch (e) {
    console.error(`qbd-sim: ${(e as Error).message}`);
    process.exit(1);
  }
}

void main();
