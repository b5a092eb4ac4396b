// `npm run web`: the whole app in a browser. Builds nothing itself (npm run web builds first).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './harness';
import { nodeClock } from './node-ports';
import { writeSampleDay } from './sample-day';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    'data-dir': { type: 'string' },
    token: { type: 'string' },
    'test-controls': { type: 'boolean', default: false },
    'no-open': { type: 'boolean', default: false },
    'sample-day': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not ${values.port}`);
  process.exit(2);
}

// Kept between runs, like the desktop app's data folder: the demo company, the encrypted QuickBooks
// tokens and capture's journal live here (entries live in the browser's IndexedDB).
const dataDir = values['data-dir'] ?? join(homedir(), '.track-nexus', 'harness');
if (values['sample-day']) {
  const count = writeSampleDay(dataDir, nodeClock.timeZone());
  console.log(`Wrote yesterday's sample activity (${count} windows) into the capture journal: open Review, then the previous day.`);
}

const harness = await startHarness({
  port,
  dataDir,
  token: values.token,
  testControls: values['test-controls'],
  launchBrowser: !values['no-open'] && !process.env['CI'],
});

console.log(`Track Nexus (browser harness) is running.\nOpen ${harness.appUrl}\nData folder: ${harness.dataDir}`);

const stop = () => {
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
