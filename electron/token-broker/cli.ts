// `npm run broker` (tsx electron/token-broker/cli.ts): runs the publisher's token broker with its
// settings from the environment (config.ts), until SIGTERM or SIGINT. Serve it behind a TLS reverse
// proxy; README "Publisher setup" says how.
import { BrokerConfigError, readBrokerConfig, type BrokerConfig } from './config';
import { startBroker } from './server';

async function main(): Promise<void> {
  let config: BrokerConfig;
  try {
    config = readBrokerConfig(process.env);
  } catch (e) {
    if (!(e instanceof BrokerConfigError)) throw e;
    console.error(`token-broker: ${e.message}`);
    process.exit(2);
  }
  const broker = await startBroker(config, { log: (line) => console.log(line), now: Date.now });
  console.log(`Token broker for Intuit client ${config.clientId} listening on ${broker.url}`);
  console.log(`  forwarding to ${config.tokenUrl} and ${config.revokeUrl}`);
  console.log(`  rate limit: ${config.ratePerMinute ? `${config.ratePerMinute} requests a minute per address` : 'off'}${config.trustProxy ? ' (address from X-Forwarded-For)' : ''}`);
  const stop = () => {
    broker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
