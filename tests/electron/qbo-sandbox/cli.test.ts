import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';

it('starts from the command line, prints the URL and credentials, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/qbo-sandbox/cli.ts', '--port', '0', '--no-control', '--time-scale', '10', '--variant', 'multicurrency'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('client_secret')) resolve(m[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  expect(out).toContain('sandbox-client');
  expect(out).toContain('sandbox-secret');
  expect((await fetch(`${url}/_sandbox/state`)).status).toBe(404);
  expect((await fetch(`${url}/connect/oauth2?client_id=sandbox-client&scope=com.intuit.quickbooks.accounting&redirect_uri=http://localhost:9/cb&response_type=code&state=s`)).status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('refuses an unknown option', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/qbo-sandbox/cli.ts', '--colour'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
  expect(err).toContain('unknown option --colour');
});
