// Reads Vitest's JSON report and prints the plain closing line; fails when a test failed or was skipped,
// or when no test ran at all (CI must run every suite: PGlite, PostgreSQL and the browser).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8'));
const passed = report.numPassedTests;
const failed = report.numFailedTests;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (skipped > 0) {
  const names = report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((a) => a.status !== 'passed' && a.status !== 'failed')
      .map((a) => `${file.name}: ${a.fullName}`),
  );
  console.error(`Skipped tests are not allowed in CI:\n${names.join('\n')}`);
}
process.exit(failed > 0 || skipped > 0 || passed === 0 ? 1 : 0);
