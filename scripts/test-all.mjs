// `npm test`: the whole suite. Builds the renderer (the end-to-end tests serve it), runs Vitest and
// Playwright, and ends with one line counting every test that ran: "N passed, N failed[, N skipped]".
// Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

if (run('build', 'npx', ['electron-vite', 'build']) !== 0) {
  console.error('The build failed; the end-to-end tests cannot run without it.');
  broken = true;
}

const unitStatus = run('unit and integration (vitest)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/unit.json`,
]);
if (existsSync(`${results}/unit.json`)) {
  const unit = JSON.parse(readFileSync(`${results}/unit.json`, 'utf8'));
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests;
  totals.skipped += unit.numPendingTests + unit.numTodoTests;
  // A file that fails to load counts no tests, so count it as a failure.
  totals.failed += unit.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else if (unitStatus !== 0) {
  broken = true;
}
if (unitStatus !== 0 && totals.failed === 0) broken = true;

if (!broken || existsSync('out/renderer/index.html')) {
  const e2eStatus = run('end-to-end (playwright, Chromium)', 'npx', ['playwright', 'test']);
  if (existsSync(`${results}/e2e-report.json`)) {
    const { stats } = JSON.parse(readFileSync(`${results}/e2e-report.json`, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } else if (e2eStatus !== 0) {
    broken = true;
  }
  if (e2eStatus !== 0 && totals.failed === 0) broken = true;
}

if (broken && totals.failed === 0) totals.failed = 1;
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
