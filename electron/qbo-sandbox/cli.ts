// `npm run sandbox -- --port 8787 [--no-control] [--time-scale N] [--no-limits]
//  [--persist FILE] [--variant multicurrency] [--tax-model codes] [--realm ID]`
import { DEFAULT_CLIENT, startSandbox, type SandboxOptions } from './index';

function parseArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = { port: 8787, controlRoutes: true, limits: { enabled: true, timeScale: 1 } };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port': {
        const port = Number(value(i++, flag));
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0-65535');
        options.port = port;
        break;
      }
      case '--no-control':
        options.controlRoutes = false;
        break;
      case '--time-scale': {
        const scale = Number(value(i++, flag));
        if (!(scale > 0)) throw new Error('--time-scale must be a positive number');
        options.limits = { enabled: options.limits?.enabled ?? true, timeScale: scale };
        break;
      }
      case '--no-limits':
        options.limits = { enabled: false, timeScale: options.limits?.timeScale ?? 1 };
        break;
      case '--persist':
        options.persistPath = value(i++, flag);
        break;
      case '--realm': {
        const realm = value(i++, flag);
        if (!/^\d{1,20}$/.test(realm)) throw new Error('--realm must be digits, as QuickBooks realm ids are');
        options.realmId = realm;
        break;
      }
      case '--variant': {
        const variant = value(i++, flag);
        if (variant !== 'home' && variant !== 'multicurrency') throw new Error('--variant must be home or multicurrency');
        options.variant = variant;
        break;
      }
      case '--tax-model': {
        const taxModel = value(i++, flag);
        if (taxModel !== 'us' && taxModel !== 'codes') throw new Error('--tax-model must be us or codes');
        options.taxModel = taxModel;
        break;
      }
      default:
        throw new Error(`unknown option ${String(flag)}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`qbo-sandbox: ${(e as Error).message}`);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  console.log(`QuickBooks Online sandbox listening on ${sandbox.url}`);
  console.log(`  realmId:       ${sandbox.realmId}`);
  console.log(`  client_id:     ${DEFAULT_CLIENT.clientId}`);
  console.log(`  client_secret: ${DEFAULT_CLIENT.clientSecret}`);
  console.log(`  control routes ${options.controlRoutes ? `on (${sandbox.url}/_sandbox/)` : 'off'}`);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
