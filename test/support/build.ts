/** Builds dist/ once before the tests, so end-to-end tests run the CLI users get. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'pipe' });
  } catch (error) {
    // Type errors still emit JavaScript; `npm test` type-checks on its own and fails on them.
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    if (!output.includes('error TS')) throw error;
  }
}
