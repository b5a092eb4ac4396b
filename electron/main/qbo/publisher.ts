// The publisher's Intuit app, built into a packaged app so a person just clicks Connect. Read at
// build time (electron.vite.config.ts turns QBO_PUBLISHER_CLIENT_ID, QBO_PUBLISHER_RELAY_URL and
// QBO_PUBLISHER_TOKEN_URL into the __QBO_PUBLISHER__ constant), never from the repository.
//
// No secret is built in. Intuit's token and revoke calls authenticate the app with its client
// secret (HTTP Basic client_id:client_secret) and Intuit documents no PKCE
// (../shared/docs/qbo-api.md §1.2), and a secret shipped inside an installer is readable by anyone
// who has it. So the publisher runs a small https token broker holding the secret: it takes the
// app's token and revoke requests, replaces their Authorization header with the real one and
// forwards them to Intuit (electron/token-broker, `npm run broker`). The consent page, the API and
// userinfo stay Intuit's own.

/** What a build carries: the client id and where its relay page and token broker live. */
export interface PublisherApp {
  clientId: string;
  /** The https page registered as the redirect URI (resources/qbo-callback, hosted by the publisher). */
  relayUrl: string;
  /** The token broker's origin (and path prefix); Intuit's token and revoke paths are added to it. */
  brokerBase: string;
}

/** What the app sends as its "secret" to the broker, which replaces it; Intuit never sees it. */
export const BROKER_SECRET = 'held-by-the-publisher';

declare const __QBO_PUBLISHER__: Record<string, string | undefined> | undefined;

/** The build's publisher app, or null in development, the browser harness and tests (no constant). */
export function builtInPublisher(): PublisherApp | null {
  return typeof __QBO_PUBLISHER__ === 'undefined' ? null : readPublisherApp(__QBO_PUBLISHER__);
}

/**
 * From the build's environment: null without a client id; with one, the relay page and broker
 * must be https addresses, or the build stops here rather than shipping a Connect that cannot work.
 */
export function readPublisherApp(env: Record<string, string | undefined>): PublisherApp | null {
  const clientId = env['QBO_PUBLISHER_CLIENT_ID']?.trim();
  if (!clientId) return null;
  return {
    clientId,
    relayUrl: httpsUrl(env['QBO_PUBLISHER_RELAY_URL'], 'QBO_PUBLISHER_RELAY_URL'),
    brokerBase: httpsUrl(env['QBO_PUBLISHER_TOKEN_URL'], 'QBO_PUBLISHER_TOKEN_URL').replace(/\/+$/, ''),
  };
}

function httpsUrl(value: string | undefined, name: string): string {
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new Error(`QBO_PUBLISHER_CLIENT_ID is set, so ${name} must be set too (an https address).`);
  }
  if (url.protocol !== 'https:') throw new Error(`${name} must be an https address.`);
  return url.toString();
}
