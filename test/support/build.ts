/** Builds dist/ once before the tests, so end-to-end tests run the CLI users get. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'pipe' });
}
