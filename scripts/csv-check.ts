// npm run -s csv:check -- [--zone ZONE] [--person NAME] FILE...
// Runs the app's own import pipeline (detection, mapping guess, date reading, layout) on each file
// without a workspace and prints one JSON object per file on its own line. Support can ask a
// user to run it on a file that does not import. Exit code 1 when a file cannot be read at all.
import { readFileSync } from 'node:fs';
import { checkCsv } from '../shared/csv/check';
import { currentZone } from '../shared/time/zone';

function parseArgs(argv: string[]): { zone: string; person?: string; files: string[] } {
  const files: string[] = [];
  let zone = currentZone();
  let person: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--zone') zone = argv[++i] ?? zone;
    else if (arg === '--person') person = argv[++i];
    else files.push(arg);
  }
  return { zone, files, ...(person === undefined ? {} : { person }) };
}

const { zone, person, files } = parseArgs(process.argv.slice(2));
if (files.length === 0) {
  process.stderr.write('Usage: npm run -s csv:check -- [--zone ZONE] [--person NAME] FILE...\n');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  try {
    const result = checkCsv(readFileSync(file, 'utf8'), { zone, ...(person === undefined ? {} : { person }) });
    process.stdout.write(`${JSON.stringify({ file, ...result })}\n`);
  } catch (error) {
    failed = true;
    process.stdout.write(`${JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
