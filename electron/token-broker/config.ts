// The token broker's settings, read from environment variables only: the client secret is never in
// a file of this repository, a command line (visible in `ps`) or an error message. Errors name the
// variable, never its value.
import { z } from 'zod';

export const INTUIT_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
export const INTUIT_REVOKE_URL = 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke';

export interface BrokerConfig {
  /** The publisher's Intuit client id: the same as the build's QBO_PUBLISHER_CLIENT_ID. */
  clientId: string;
  clientSecret: string;
  /** Where token and revoke requests go: Intuit's, unless a test points them at the local sandbox. */
  tokenUrl: string;
  revokeUrl: string;
  host: string;
  port: number;
  /** The path the broker's routes sit under ('' or e.g. '/intuit'), as in the build's broker address. */
  pathPrefix: string;
  /** Requests a minute from one address; 0 turns the limit off. */
  ratePerMinute: number;
  /** Behind a reverse proxy: the client's address is the last X-Forwarded-For entry. */
  trustProxy: boolean;
}

/** https anywhere; plain http only to this machine (the local sandbox), never across a network. */
const upstreamUrl = (name: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(isSafeUpstream, `${name} must be an https address (or http://127.0.0.1 / localhost for testing).`);

const EnvSchema = z.object({
  BROKER_CLIENT_ID: z.string({ error: 'BROKER_CLIENT_ID must be set: your Intuit app’s client id.' }).trim().min(1, 'BROKER_CLIENT_ID must not be empty.'),
  BROKER_CLIENT_SECRET: z.string({ error: 'BROKER_CLIENT_SECRET must be set: your Intuit app’s client secret.' }).min(1, 'BROKER_CLIENT_SECRET must not be empty.'),
  BROKER_TOKEN_URL: upstreamUrl('BROKER_TOKEN_URL', INTUIT_TOKEN_URL),
  BROKER_REVOKE_URL: upstreamUrl('BROKER_REVOKE_URL', INTUIT_REVOKE_URL),
  BROKER_HOST: z.string().default('127.0.0.1'),
  BROKER_PORT: z.coerce.number({ error: 'BROKER_PORT must be a port number (0-65535).' }).int().min(0).max(65535).default(8790),
  BROKER_PATH_PREFIX: z
    .string()
    .default('')
    .transform((p) => p.replace(/\/+$/, ''))
    .refine((p) => /^(\/[A-Za-z0-9._~-]+)*$/.test(p), 'BROKER_PATH_PREFIX must be a path such as /intuit.'),
  BROKER_RATE_LIMIT: z.coerce.number({ error: 'BROKER_RATE_LIMIT must be a number of requests a minute.' }).int().min(0).default(60),
  BROKER_TRUST_PROXY: z.enum(['', '0', '1', 'false', 'true'], { error: 'BROKER_TRUST_PROXY must be 1 or 0.' }).default(''),
});

export class BrokerConfigError extends Error {
  override readonly name = 'BrokerConfigError';
}

/** The broker's settings from `env` (process.env in the CLI), or a BrokerConfigError naming what is wrong. */
export function readBrokerConfig(env: Record<string, string | undefined>): BrokerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Only our own messages: zod's could quote what it was given.
    throw new BrokerConfigError(parsed.error.issues.map((i) => ownMessage(i)).join(' '));
  }
  const e = parsed.data;
  return {
    clientId: e.BROKER_CLIENT_ID,
    clientSecret: e.BROKER_CLIENT_SECRET,
    tokenUrl: e.BROKER_TOKEN_URL,
    revokeUrl: e.BROKER_REVOKE_URL,
    host: e.BROKER_HOST,
    port: e.BROKER_PORT,
    pathPrefix: e.BROKER_PATH_PREFIX,
    ratePerMinute: e.BROKER_RATE_LIMIT,
    trustProxy: e.BROKER_TRUST_PROXY === '1' || e.BROKER_TRUST_PROXY === 'true',
  };
}

function ownMessage(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? 'The environment');
  return issue.message.startsWith(name) ? issue.message : `${name} is not valid.`;
}

function isSafeUpstream(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
