import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../../electron/main/security/external-links';

describe('external link guard', () => {
  const hostile: Array<[string, unknown]> = [
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with case and spaces', '  JaVaScRiPt:alert(1)'],
    ['javascript: hidden by a tab', 'java\tscript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file://C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['UNC path', '\\\\attacker\\share\\payload.exe'],
    ['UNC with forward slashes', '//attacker/share/payload.exe'],
    ['Windows path', 'C:\\Windows\\System32\\calc.exe'],
    ['backslash host confusion', 'https:\\\\evil.example'],
    ['credentials in URL', 'https://bank.example@evil.example/login'],
    ['user and password', 'https://user:secret@example.com/'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['mailto: (not a web page)', 'mailto:someone@example.com'],
    ['ftp:', 'ftp://example.com/file'],
    ['empty', ''],
    ['not a string', { href: 'https://example.com' }],
    ['null byte', 'https://example.com/\u0000.exe'],
    ['too long', 'https://example.com/' + 'a'.repeat(5000)],
  ];
  it.each(hostile)('refuses %s with a reason', (_name, input) => {
    const verdict = checkExternalUrl(input);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(5);
  });

  it.each([
    ['https://developer.intuit.com/app/developer/qbo/docs', 'https://developer.intuit.com/app/developer/qbo/docs'],
    ['http://127.0.0.1:8787/connect/oauth2?state=x', 'http://127.0.0.1:8787/connect/oauth2?state=x'],
    ['  https://example.com  ', 'https://example.com/'],
  ])('opens %s', (input, expected) => {
    expect(checkExternalUrl(input)).toEqual({ ok: true, url: expected });
  });
});
