import { describe, expect, it } from 'vitest';
import { parseXpropLine, sampleFromProperties, xpropClass, xpropText, type XProperty } from '../../../electron/main/capture/x11-properties';

const sample = (lines: string[]) => {
  const map = new Map<string, XProperty | null>();
  for (const line of lines) {
    const parsed = parseXpropLine(line);
    if (parsed) map.set(parsed.name, parsed.property);
  }
  return sampleFromProperties(map);
};

describe('xprop output', () => {
  it('parses values, types and missing properties', () => {
    expect(parseXpropLine('WM_NAME(STRING) = "a = b"')).toEqual({ name: 'WM_NAME', property: { type: 'STRING', value: '"a = b"' } });
    expect(parseXpropLine('_NET_WM_NAME:  not found.')).toEqual({ name: '_NET_WM_NAME', property: null });
    expect(parseXpropLine('garbage line')).toBeNull();
  });

  it('keeps titles with "=", unescaped quotes and UTF-8, and decodes octal escapes', () => {
    expect(xpropText('"a = b = c"')).toBe('a = b = c');
    expect(xpropText('"say "hi" now"')).toBe('say "hi" now');
    expect(xpropText('"caf\\303\\251 \\342\\200\\224 ok"')).toBe('café — ok');
    expect(xpropText('"back\\\\slash"')).toBe('back\\slash');
    expect(xpropText('')).toBe('');
  });

  it('takes the class from WM_CLASS and prefers _NET_WM_NAME over WM_NAME', () => {
    expect(xpropClass('"xterm", "XTerm"')).toBe('XTerm');
    expect(
      sample(['WM_CLASS(STRING) = "code", "Code"', '_NET_WM_PID(CARDINAL) = 999999999', '_NET_WM_NAME(UTF8_STRING) = "main.ts — repo"', 'WM_NAME(STRING) = "main.ts"']),
    ).toEqual({ app: 'Code', title: 'main.ts — repo', url: null, pid: 999999999 });
    expect(sample(['WM_CLASS:  not found.', '_NET_WM_PID:  not found.', '_NET_WM_NAME:  not found.', 'WM_NAME(STRING) = "plain"'])).toEqual({
      app: '',
      title: 'plain',
      url: null,
    });
  });

  it('reads the executable path of the window process for path-based exclusions', () => {
    expect(sample([`_NET_WM_PID(CARDINAL) = ${process.pid}`]).path).toBe(process.execPath);
  });
});
