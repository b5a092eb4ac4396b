// Reading the active window's properties from xprop output, shared by the X11 focus events and the
// Linux window source. Why not get-windows on Linux: it splits xprop lines at every '=', so a title
// such as "a = b" comes back empty (verified with get-windows 9.3), and it runs three processes per
// read (xprop twice, xwininfo for bounds we do not use) where two suffice.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { ActiveWindowSample } from '../ports';

/** What a window read asks for: the app (class), the pid (for path-based exclusions) and the title. */
export const WINDOW_PROPERTIES = ['WM_CLASS', '_NET_WM_PID', '_NET_WM_NAME', 'WM_NAME'];

const PROPERTY_LINE = /^([A-Za-z0-9_]+)(?:\(([^)]*)\))?(?::\s+not found\.|\s*=\s?(.*))$/;

export interface XProperty {
  type: string;
  value: string;
}

export function parseXpropLine(line: string): { name: string; property: XProperty | null } | null {
  const match = PROPERTY_LINE.exec(line.trimEnd());
  if (!match) return null;
  const [, name, type, value] = match;
  return { name: name!, property: value === undefined ? null : { type: type ?? '', value } };
}

/** xprop escapes non-ASCII bytes as octal (\342\200\224) in some locales; decode them as UTF-8. */
function decodeEscapes(text: string): string {
  return text
    .replace(/(?:\\[0-7]{3})+/g, (match) => {
      const bytes = Uint8Array.from(match.match(/[0-7]{3}/g) ?? [], (octal) => Number.parseInt(octal, 8));
      return new TextDecoder('utf-8').decode(bytes);
    })
    .replace(/\\(["\\])/g, '$1');
}

/**
 * A string property's text: everything between the first and the last quote. xprop does not
 * escape quotes inside STRING values (`"a "b" c"`), so splitting at quotes would cut titles.
 */
export function xpropText(value: string): string {
  const first = value.indexOf('"');
  const last = value.lastIndexOf('"');
  return first === -1 || last <= first ? '' : decodeEscapes(value.slice(first + 1, last));
}

/** WM_CLASS is `"instance", "Class"`; get-windows reports the class as the app name, so do we. */
export function xpropClass(value: string): string {
  const parts = value.match(/"((?:[^"\\]|\\.)*)"/g) ?? [];
  const last = parts[parts.length - 1];
  return last ? decodeEscapes(last.slice(1, -1)) : '';
}

export function sampleFromProperties(properties: ReadonlyMap<string, XProperty | null>): ActiveWindowSample {
  const netName = properties.get('_NET_WM_NAME');
  const name = properties.get('WM_NAME');
  const title = netName ? xpropText(netName.value) : name ? xpropText(name.value) : '';
  const wmClass = properties.get('WM_CLASS');
  const pid = Number.parseInt(properties.get('_NET_WM_PID')?.value ?? '', 10);
  return withProcess({ app: wmClass ? xpropClass(wmClass.value) : '', title, url: null }, pid);
}

/** Adds the window's process id and executable path (when readable) to a sample. */
export function withProcess(sample: ActiveWindowSample, pid: number): ActiveWindowSample {
  if (Number.isFinite(pid)) {
    sample.pid = pid;
    try {
      // Same source as get-windows; used by the excluded-apps rule.
      sample.path = fs.readlinkSync(`/proc/${pid}/exe`);
    } catch {
      /* another user's process, or gone */
    }
  }
  return sample;
}

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve, reject) =>
    execFile('xprop', args, { env: { ...env, LC_ALL: 'C.UTF-8' }, timeout: 5_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );

/** The active window via two xprop calls; null when nothing is focused. Throws when xprop fails. */
export async function readActiveX11Window(env: NodeJS.ProcessEnv): Promise<ActiveWindowSample | null> {
  const root = await run(['-root', '_NET_ACTIVE_WINDOW'], env);
  const id = /window id # (0x[0-9a-f]+)/i.exec(root)?.[1];
  if (!id || Number.parseInt(id, 16) === 0) return null;
  let out: string;
  try {
    out = await run(['-id', id, ...WINDOW_PROPERTIES], env);
  } catch {
    return null; // the window closed between the two calls
  }
  const properties = new Map<string, XProperty | null>();
  for (const line of out.split('\n')) {
    const parsed = parseXpropLine(line);
    if (parsed) properties.set(parsed.name, parsed.property);
  }
  return sampleFromProperties(properties);
}
