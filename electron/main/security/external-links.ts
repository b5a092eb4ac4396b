// Decides whether a URL may be handed to the system browser. Only plain http(s) URLs to a real
// host pass: no javascript:, file:, data:, custom schemes, UNC or Windows paths, and no embedded
// credentials (a classic phishing trick: https://bank.com@evil.example/).

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

const MAX_LENGTH = 2048;

export function checkExternalUrl(input: unknown): UrlVerdict {
  if (typeof input !== 'string') return { ok: false, reason: 'The link is not text.' };
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, reason: 'The link is empty.' };
  if (raw.length > MAX_LENGTH) return { ok: false, reason: 'The link is too long to open safely.' };
  // Control characters and backslashes let a URL look like one thing and parse as another;
  // a leading \\ or // is a UNC path on Windows.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return { ok: false, reason: 'The link contains characters that are not allowed.' };
  if (raw.startsWith('//')) return { ok: false, reason: 'Network paths cannot be opened.' };

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'The link is not a valid web address.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `Links with ${url.protocol} cannot be opened; only web pages (http or https) can.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Links with a user name or password in them are not opened.' };
  }
  if (url.hostname === '') return { ok: false, reason: 'The link has no host.' };
  return { ok: true, url: url.toString() };
}
