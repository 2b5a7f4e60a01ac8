/**
 * Named points of a nightly run where the tests interrupt it, to prove that a run killed
 * anywhere (SIGKILL, as `kill -9`) loses and double-counts nothing, and that a second run
 * started meanwhile stops at the lock. AAMLOG_CRASH_AT=name kills the run at the point's
 * first pass, name:N at its N-th; AAMLOG_PAUSE_AT=name holds it there for AAMLOG_PAUSE_MS.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const passes = new Map<string, number>();

export function crashPoint(name: string): void {
  const wanted = process.env.AAMLOG_CRASH_AT;
  if (!wanted || !wanted.startsWith(name)) return;
  const pass = (passes.get(name) ?? 0) + 1;
  passes.set(name, pass);
  if (wanted === name || wanted === `${name}:${pass}`) process.kill(process.pid, 'SIGKILL');
}

export async function pausePoint(name: string): Promise<void> {
  if (process.env.AAMLOG_PAUSE_AT === name) await sleep(Number(process.env.AAMLOG_PAUSE_MS ?? 2000));
}
