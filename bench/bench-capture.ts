// npm run bench:capture [-- --seconds N] [--quiet S] [--polling] [--xprop] [--hold S]
//
// Measures what activity capture costs on Linux X11: starts its own Xvfb with openbox and a few
// xterm windows, lets a driver process switch focus and change titles on a schedule, runs the real
// capture service in this process at the default interval with the readers the app chooses (the
// window, focus changes and idle time read in-process over the X protocol; --xprop measures the
// fallback: xprop, xprop -spy and xprintidle), and reports the CPU used by this process and every
// helper it spawned as a percentage of one core. Then nothing changes for --quiet S seconds (60 by
// default: no focus or title change, no input, the user still within the idle threshold) and the
// bench counts how often the capture process's main thread woke meanwhile (its voluntary context
// switches: each wake-up ends with the thread blocking again), the issue 19 target being none.
// --hold S waits S seconds once the X display is up,
// before capture and the schedule start, so another watcher can be started on the same display.
// The driver, Xvfb, openbox and the xterms run in a separate process so their CPU is not counted. The last line of output is one JSON object:
// {"cpuPercent", "focusChanges", "segments", "missedChanges", "seconds", "quietSeconds", "quietWakes"}.
//
// Also exports startXSession(), which the real-window test uses.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ActivitySegment } from '../shared/capture/types';

const run = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// A private X session: Xvfb on a free display (chosen by Xvfb itself via -displayfd), openbox,
// and helpers to open, focus and rename windows with xdotool.

export const X_TOOLS = ['Xvfb', 'openbox', 'xterm', 'xdotool', 'xprop', 'xwininfo'] as const;

export function missingXTools(env: NodeJS.ProcessEnv = process.env): string[] {
  return X_TOOLS.filter(
    (tool) =>
      !(env.PATH ?? '').split(path.delimiter).some((dir) => {
        try {
          fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
  );
}

export interface XSession {
  display: string;
  env: NodeJS.ProcessEnv;
  /** Opens an xterm titled `title` and resolves with its window id once it is mapped. */
  openWindow(title: string): Promise<string>;
  activate(windowId: string): Promise<void>;
  setTitle(windowId: string, title: string): Promise<void>;
  /** A fake mouse move: counts as user input for the X idle timer. */
  nudge(): Promise<void>;
  close(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

// Long because it starts the session's parts in order (Xvfb, openbox) and returns its small API.
export async function startXSession(): Promise<XSession> {
  const children: ChildProcess[] = [];
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  children.push(xvfb);
  const displayNumber = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited early (${code})`)));
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
  });
  const display = `:${displayNumber}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display };
  delete env.WAYLAND_DISPLAY;
  env.XDG_SESSION_TYPE = 'x11';

  const close = async () => {
    for (const child of [...children].reverse()) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
  };

  try {
    const wm = spawn('openbox', ['--sm-disable'], { env, stdio: 'ignore' });
    children.push(wm);
    // Focus events need a window manager that publishes _NET_ACTIVE_WINDOW: wait until it is up.
    for (let i = 0; ; i++) {
      const { stdout } = await run('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], { env }).catch(() => ({ stdout: '' }));
      if (stdout.includes('window id')) break;
      if (i > 100) throw new Error('openbox did not start within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    display,
    env,
    async openWindow(title) {
      const term = spawn('xterm', ['-T', title, '-geometry', '80x24', '-e', 'sleep', '1000000'], { env, stdio: 'ignore' });
      children.push(term);
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const { stdout } = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', `^${escaped}$`], { env, timeout: 15_000 });
      return stdout.trim().split('\n')[0]!;
    },
    async activate(windowId) {
      await run('xdotool', ['windowactivate', '--sync', windowId], { env, timeout: 10_000 });
    },
    async setTitle(windowId, title) {
      await run('xdotool', ['set_window', '--name', title, windowId], { env, timeout: 10_000 });
    },
    async nudge() {
      await run('xdotool', ['mousemove_relative', '--', '1', '1'], { env, timeout: 10_000 });
    },
    close,
  };
}

// ---------------------------------------------------------------------------------------------
// The driver (a separate process): changes focus and titles on a fixed pseudo-random schedule.

interface DriverAction {
  /** UTC ms when the change was complete. */
  at: number;
  kind: 'focus' | 'title';
  title: string;
  /** How long the state stayed before the next action. */
  dwellMs: number;
}

async function driver(seconds: number): Promise<void> {
  const x = await startXSession();
  const titles = ['bench alpha', 'bench beta', 'bench gamma', 'bench delta'];
  const windows: Array<{ id: string; title: string }> = [];
  for (const title of titles) windows.push({ id: await x.openWindow(title), title });
  await x.activate(windows[0]!.id);
  process.stdout.write(`READY ${x.display}\n`);

  const lines = createInterface({ input: process.stdin });
  const waitFor = (word: string) => new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === word && resolve()));
  await waitFor('GO');

  // Dwell times in seconds: a mix below and above the default one-second interval.
  const dwells = [0.3, 2, 5, 0.6, 8, 1.5, 3, 12, 0.4, 4, 2.5, 6, 1.2, 10, 0.8, 3.5];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let active = 0;
  let n = 0;
  let renames = 0;
  const deadline = Date.now() + seconds * 1000;
  let previous: DriverAction | null = null;
  while (Date.now() < deadline - 1000) {
    const dwellMs = Math.round(dwells[n % dwells.length]! * 1000);
    let action: DriverAction;
    if (random() < 0.7) {
      active = (active + 1 + Math.floor(random() * (windows.length - 1))) % windows.length;
      await x.activate(windows[active]!.id);
      action = { at: Date.now(), kind: 'focus', title: windows[active]!.title, dwellMs };
    } else {
      const title = `${titles[active]} #${++renames}`;
      await x.setTitle(windows[active]!.id, title);
      windows[active]!.title = title;
      action = { at: Date.now(), kind: 'title', title, dwellMs };
    }
    n++;
    await x.nudge();
    if (previous) process.stdout.write(`ACTION ${JSON.stringify(previous)}\n`);
    previous = action;
    const remaining = deadline - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(dwellMs, remaining))));
    previous.dwellMs = Date.now() - previous.at;
  }
  if (previous) process.stdout.write(`ACTION ${JSON.stringify(previous)}\n`);
  process.stdout.write('DONE\n');
  await waitFor('STOP');
  await x.close();
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The measured process: plain Node running the capture service, bundled the way electron-vite
// bundles main. (Not tsx: its loader alone costs ~3 ms of CPU per second, 0.3% of a core, which
// would be measured as capture.) It reports its own CPU and that of every child it has reaped.

/** CPU time (ms) of this process and of the children it has waited for (utime+stime, cutime+cstime). */
function cpuMs(): { self: number; children: number } {
  const usage = process.cpuUsage();
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may contain spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = 100; // USER_HZ is 100 on Linux for every architecture Node supports
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return { self: (usage.user + usage.system) / 1000, children: ((cutime + cstime) * 1000) / ticks };
}

/** Times the main thread has given up the CPU by blocking (waiting in epoll for the next event). */
function voluntarySwitches(): number {
  const match = /voluntary_ctxt_switches:\s+(\d+)/.exec(fs.readFileSync('/proc/thread-self/status', 'utf8'));
  return Number(match?.[1] ?? Number.NaN);
}

interface CaptureResult {
  mode: unknown;
  cpuSelf: number;
  cpuChildren: number;
  cpuStartup: number;
  wallMs: number;
  /** The quiet phase: wall time, CPU and main-thread wake-ups. */
  quiet: { wallMs: number; cpuMs: number; wakes: number };
  segments: ActivitySegment[];
}

/** Today's readers (xprop, xprop -spy, xprintidle), or the X protocol ones chosen as in the app. */
async function readers(xprop: boolean) {
  if (xprop) {
    const [{ createGetWindowsSource }, { createX11FocusEvents }, { createXprintidleSource }] = await Promise.all([
      import('../electron/main/capture/get-windows-source'),
      import('../electron/main/capture/focus-events'),
      import('../electron/main/idle/xprintidle-source'),
    ]);
    return { windowSource: createGetWindowsSource(), focusEvents: createX11FocusEvents(), idleSource: createXprintidleSource() };
  }
  const { createLinuxX11Readers } = await import('../electron/main/capture/linux-x11-readers');
  return createLinuxX11Readers({ warn: (message) => console.error(message) });
}

// Long because it is the measured process from start to its one result line, in the order it runs.
async function captureProcess(polling: boolean, xprop: boolean): Promise<void> {
  const { createCaptureService } = await import('../electron/main/capture/capture-service');
  const { windowSource, focusEvents, idleSource } = await readers(xprop);
  type Segment = ActivitySegment;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-bench-capture-'));
  const segments = new Map<string, Segment>();
  let service: ReturnType<typeof createCaptureService> | null = null;
  service = createCaptureService({
    windowSource,
    idleSource,
    clock: { now: () => Date.now(), timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone },
    paths: { dataDir },
    // --polling measures the fallback (no focus events) for comparison.
    focusEvents: polling ? undefined : focusEvents,
    settings: { enabled: true },
    emit: (event, payload) => {
      if (event !== 'capture:segments') return;
      const batch = payload as Segment[];
      for (const segment of batch) segments.set(segment.id, segment);
      // Acknowledge like the renderer does after storing, so the journal stays small.
      service?.ack(batch.map((s) => ({ id: s.id, end: s.end })));
    },
    warn: (message) => console.error(message),
  });

  const cpu0 = cpuMs();
  const wall0 = performance.now();
  await service.start();
  const cpuStarted = cpuMs();
  const mode = service.status();
  process.stdout.write('STARTED\n');
  const lines = createInterface({ input: process.stdin });
  const waitFor = (word: string) => new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === word && resolve()));
  await waitFor('QUIET');
  const quiet0 = { at: performance.now(), cpu: cpuMs(), wakes: voluntarySwitches() };
  await waitFor('STOP');
  // Reading the STOP line was one wake-up of its own.
  const quietWakes = voluntarySwitches() - quiet0.wakes - 1;
  const quietCpu = cpuMs();
  const quiet = { wallMs: performance.now() - quiet0.at, cpuMs: quietCpu.self + quietCpu.children - quiet0.cpu.self - quiet0.cpu.children, wakes: quietWakes };
  await service.flush();
  await service.stop(); // ends the xprop watchers, so their CPU is counted below
  const wallMs = performance.now() - wall0 - quiet.wallMs;
  const cpu1 = cpuMs();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const result: CaptureResult = {
    mode,
    // The schedule's share, as before the quiet phase existed: the quiet phase is reported on its own.
    cpuSelf: cpu1.self - cpu0.self - quiet.cpuMs,
    cpuChildren: cpu1.children - cpu0.children,
    quiet,
    cpuStartup: cpuStarted.self + cpuStarted.children - cpu0.self - cpu0.children,
    wallMs,
    segments: [...segments.values()].sort((a, b) => a.start - b.start),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The benchmark: starts the driver, bundles and starts the measured process, compares.

function lineReader(child: ChildProcess, onLine: (line: string) => void): void {
  createInterface({ input: child.stdout! }).on('line', onLine);
}

// Long because it is the benchmark's script: bundle, start the driver and the measured process, play the
// schedule and the quiet phase, then compare and print.
async function bench(seconds: number, quietSeconds: number, polling: boolean, xprop: boolean, holdSeconds: number): Promise<void> {
  const missing = missingXTools();
  if (missing.length > 0) throw new Error(`bench:capture needs ${missing.join(', ')} (apt install xvfb openbox xterm xdotool x11-utils xprintidle)`);
  const { DEFAULT_INTERVAL_SECONDS } = await import('../shared/capture/types');
  const self = fileURLToPath(import.meta.url);

  const outDir = path.resolve(path.dirname(self), '..', '.bench', 'capture');
  const bundle = path.join(outDir, 'capture-process.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [self],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Resolved from the repository's node_modules at run time, as in the app.
    external: ['get-windows', 'esbuild', 'x11'],
    logLevel: 'warning',
  });

  const drive = spawn(process.execPath, ['--import', 'tsx', self, '--driver', String(seconds)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const actions: DriverAction[] = [];
  let onReady: (display: string) => void = () => {};
  let onDone: () => void = () => {};
  const ready = new Promise<string>((resolve) => (onReady = resolve));
  const done = new Promise<void>((resolve) => (onDone = resolve));
  drive.once('exit', (code) => {
    if (code !== 0) console.error(`driver exited with ${code}`);
    onReady('');
    onDone();
  });
  lineReader(drive, (line) => {
    if (line.startsWith('READY ')) onReady(line.slice(6).trim());
    else if (line.startsWith('ACTION ')) actions.push(JSON.parse(line.slice(7)) as DriverAction);
    else if (line === 'DONE') onDone();
  });
  const display = await ready;
  if (!display) throw new Error('the driver could not start its X session');
  // For the side-by-side figure (README, Performance): another watcher can be started on this display now.
  console.log(`X display ${display} is up (DISPLAY=${display} to run another watcher on it side by side)`);
  if (holdSeconds > 0) {
    console.log(`holding ${holdSeconds} s before capture and the schedule start (--hold)`);
    await new Promise((resolve) => setTimeout(resolve, holdSeconds * 1000));
  }

  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display, XDG_SESSION_TYPE: 'x11' };
  delete env.WAYLAND_DISPLAY;
  const capture = spawn(process.execPath, [bundle, '--capture', ...(polling ? ['--polling'] : []), ...(xprop ? ['--xprop'] : [])], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  let result: CaptureResult | null = null;
  const started = new Promise<void>((resolve) => lineReader(capture, (line) => {
    if (line === 'STARTED') resolve();
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as CaptureResult;
  }));
  await started;
  drive.stdin!.write('GO\n');
  await done;
  capture.stdin!.write('QUIET\n');
  console.log(`nothing changes for ${quietSeconds} s (--quiet)`);
  await new Promise((resolve) => setTimeout(resolve, quietSeconds * 1000));
  capture.stdin!.write('STOP\n');
  await exited(capture);
  drive.stdin!.write('STOP\n');
  await exited(drive);
  if (!result) throw new Error('the capture process did not report a result');
  const r: CaptureResult = result;

  const cpuPercent = ((r.cpuSelf + r.cpuChildren) / r.wallMs) * 100;
  const intervalMs = DEFAULT_INTERVAL_SECONDS * 1000;
  const considered = actions.filter((a) => a.dwellMs >= intervalMs);
  const missed = considered.filter((a) => !r.segments.some((s) => s.title === a.title && s.start < a.at + a.dwellMs && s.end > a.at - 250));
  const focusChanges = actions.filter((a) => a.kind === 'focus').length;
  const first = actions[0]?.at ?? 0;

  console.log(`capture mode: ${JSON.stringify(r.mode)}, interval ${DEFAULT_INTERVAL_SECONDS}s, display ${display}`);
  console.log(`ran ${(r.wallMs / 1000).toFixed(1)} s: ${focusChanges} focus changes and ${actions.length - focusChanges} title changes by the driver`);
  console.log(
    `CPU: capture process ${r.cpuSelf.toFixed(0)} ms + helpers it spawned ${r.cpuChildren.toFixed(0)} ms = ${cpuPercent.toFixed(3)}% of one core (target < 0.2%); starting the service took ${r.cpuStartup.toFixed(0)} ms of it`,
  );
  console.log(`segments written: ${r.segments.length}; changes that lasted >= ${DEFAULT_INTERVAL_SECONDS}s: ${considered.length}, missed: ${missed.length}`);
  for (const m of missed.slice(0, 10)) console.log(`  missed ${m.kind} to "${m.title}" at +${((m.at - first) / 1000).toFixed(1)}s for ${m.dwellMs} ms`);
  console.log(
    `quiet ${(r.quiet.wallMs / 1000).toFixed(1)} s (nothing changing): the capture process woke ${r.quiet.wakes} times and used ${r.quiet.cpuMs.toFixed(0)} ms of CPU (target: no wake-ups)`,
  );
  console.log(
    JSON.stringify({
      cpuPercent: Number(cpuPercent.toFixed(3)),
      focusChanges,
      segments: r.segments.length,
      missedChanges: missed.length,
      seconds: Number((r.wallMs / 1000).toFixed(1)),
      quietSeconds: Number((r.quiet.wallMs / 1000).toFixed(1)),
      quietWakes: r.quiet.wakes,
    }),
  );
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const secondsArg = args.indexOf('--seconds');
  const fail = (error: unknown) => {
    console.error(error);
    process.exit(1);
  };
  if (args[0] === '--driver') {
    driver(Number(args[1] ?? 180)).catch(fail);
  } else if (args[0] === '--capture') {
    captureProcess(args.includes('--polling'), args.includes('--xprop')).catch(fail);
  } else {
    const seconds = secondsArg === -1 ? 180 : Number(args[secondsArg + 1]);
    if (!Number.isFinite(seconds) || seconds < 10) throw new Error('--seconds must be a number >= 10');
    const holdArg = args.indexOf('--hold');
    const hold = holdArg === -1 ? 0 : Number(args[holdArg + 1]);
    const quietArg = args.indexOf('--quiet');
    const quiet = quietArg === -1 ? 60 : Number(args[quietArg + 1]);
    if (!Number.isFinite(quiet) || quiet < 0) throw new Error('--quiet must be a number of seconds >= 0');
    bench(seconds, quiet, args.includes('--polling'), args.includes('--xprop'), Number.isFinite(hold) ? hold : 0).then(() => process.exit(0), fail);
  }
}
