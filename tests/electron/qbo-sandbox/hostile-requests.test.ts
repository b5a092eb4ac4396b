// The sandbox runs inside main as the demo company, on a loopback port any local process can reach:
// malformed addresses and deeply nested bodies get a 400 (not a 500 with a stack trace, not an event
// loop held for most of a second), and the demo company's own failures say nothing of its code.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(() => h.close());

/** A raw request line, as a browser would never send it. */
function raw(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('hostile requests to the sandbox', () => {
  it('answers malformed percent-encoding in the company path with 400, no stack', async () => {
    const r = await fetch(`${h.sb.url}/v3/company/%E0%A4%A/query?query=select`, { headers: { Authorization: `Bearer ${h.token}` } });
    expect(r.status).toBe(400);
    expect(await r.text()).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers a request target that is not an address with 400', async () => {
    expect(await raw(h.sb.port, 'GET http://[ HTTP/1.1')).toMatch(/^HTTP\/1\.1 400/);
  });

  it('refuses a body nested deeper than any QuickBooks entity before parsing it', async () => {
    const deep = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    const started = performance.now();
    const r = await h.api('POST', 'timeactivity', deep);
    expect(r.status).toBe(400);
    expect(r.json.Fault.Error[0].Detail).toContain('nests deeper than any QuickBooks entity');
    // Counting brackets is linear and quick; parsing and validating this would hold the loop far longer.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
