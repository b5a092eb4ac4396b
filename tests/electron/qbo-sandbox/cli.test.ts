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

it('seeds the company outside the US with --tax-model codes, and refuses another model', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/qbo-sandbox/cli.ts', '--port', '0', '--tax-model', 'codes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('control routes')) resolve(m[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const state = (await (await fetch(`${url}/_sandbox/state`)).json()) as { taxModel: string; entities: { TaxCode: Array<{ Name: string }> } };
  expect(state.taxModel).toBe('codes');
  expect(state.entities.TaxCode.map((c) => c.Name)).toContain('20.0% S');
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);

  const bad = spawn(process.execPath, ['--import', 'tsx', 'electron/qbo-sandbox/cli.ts', '--tax-model', 'vat'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
  expect(await new Promise((resolve) => bad.on('exit', resolve))).toBe(2);
  expect(err).toContain('--tax-model must be us or codes');
});
