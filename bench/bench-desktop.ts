// npm run bench:desktop -- [--entries 2000] [--every-ms 200] [--no-faults] [--seed 7]
// Pushes N approved entries (then edits a tenth of them) to a simulated QuickBooks Desktop company
// through the app's Web Connector service, the simulated Web Connector calling on a schedule with
// faults on (the session dropped after QuickBooks applied a document, the company file closed,
// QuickBooks busy, a time entry edited in QuickBooks in between). Counted from the company file.
// The last line is one JSON object: {"entries","added","duplicates","missing","sessions","seconds",…}.
import { numberOption as arg } from './options';
import { runDesktopBench } from './desktop/run';

async function main() {
  const result = await runDesktopBench({
    entries: arg('entries', 2000),
    everyMs: arg('every-ms', 200),
    faults: !process.argv.includes('--no-faults'),
    seed: arg('seed', 7),
    log: (line) => console.log(line),
  });
  const ok = result.duplicates === 0 && result.missing === 0 && result.editsArrived === result.edited;
  console.log(`targets (0 duplicates, 0 missing, every edit arrived): ${ok ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
