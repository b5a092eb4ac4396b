// The publisher sets the broker up with environment variables only; a mistake stops it with words
// that name the variable and never repeat its value (which could be the secret).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INTUIT_REVOKE_URL, INTUIT_TOKEN_URL, readBrokerConfig } from '../../../electron/token-broker/config';

const SECRET = 'publisher-secret-7f3c1d9e';
const keys = { BROKER_CLIENT_ID: 'ABpublisher123', BROKER_CLIENT_SECRET: SECRET };

describe('the broker’s settings', () => {
  it('need only the client id and secret; everything else defaults to Intuit and this machine', () => {
    expect(readBrokerConfig(keys)).toEqual({
      clientId: 'ABpublisher123',
      clientSecret: SECRET,
      tokenUrl: INTUIT_TOKEN_URL,
      revokeUrl: INTUIT_REVOKE_URL,
      host: '127.0.0.1',
      port: 8790,
      pathPrefix: '',
      ratePerMinute: 60,
      trustProxy: false,
    });
    expect(readBrokerConfig({ ...keys, BROKER_PATH_PREFIX: '/intuit/', BROKER_TRUST_PROXY: '1', BROKER_RATE_LIMIT: '0' })).toMatchObject({ pathPrefix: '/intuit', trustProxy: true, ratePerMinute: 0 });
  });

  it('name what is missing or wrong, without quoting it', () => {
    expect(() => readBrokerConfig({})).toThrow('BROKER_CLIENT_ID must be set: your Intuit app’s client id. BROKER_CLIENT_SECRET must be set: your Intuit app’s client secret.');
    const wrong = () => readBrokerConfig({ ...keys, BROKER_TOKEN_URL: `http://intuit.example/?${SECRET}`, BROKER_PORT: SECRET, BROKER_PATH_PREFIX: 'no slash' });
    expect(wrong).toThrow(/^BROKER_TOKEN_URL must be an https address .* BROKER_PORT must be a port number .* BROKER_PATH_PREFIX must be a path/);
    expect(() => wrong()).toThrow(expect.objectContaining({ message: expect.not.stringContaining(SECRET) }));
  });

  it('send the secret across a network only over https', () => {
    expect(() => readBrokerConfig({ ...keys, BROKER_REVOKE_URL: 'http://developer.api.intuit.com/v2/oauth2/tokens/revoke' })).toThrow(/BROKER_REVOKE_URL must be an https address/);
    expect(readBrokerConfig({ ...keys, BROKER_TOKEN_URL: 'http://127.0.0.1:8787/oauth2/v1/tokens/bearer' }).tokenUrl).toBe('http://127.0.0.1:8787/oauth2/v1/tokens/bearer');
  });
});

describe('npm run broker', () => {
  it('starts from the environment, says where it listens without the secret, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/token-broker/cli.ts'], {
      env: { PATH: process.env['PATH'], ...keys, BROKER_PORT: '0', BROKER_PATH_PREFIX: '/intuit' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/intuit)\n[\s\S]*rate limit/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain(`forwarding to ${INTUIT_TOKEN_URL} and ${INTUIT_REVOKE_URL}`);
    expect((await fetch(`${url}/oauth2/v1/tokens/bearer`, { method: 'POST' })).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/ refused client id 401 \d+ms/);
    expect(out).not.toContain(SECRET);
  });

  it('refuses to start without the secret', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/token-broker/cli.ts'], { env: { PATH: process.env['PATH'], BROKER_CLIENT_ID: 'ABpublisher123' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(err).toContain('BROKER_CLIENT_SECRET must be set');
  });
});
