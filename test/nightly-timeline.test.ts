/**
 * The nightly job keeps each group's failures per hour in its state, so the timeline of a run
 * counts the failures of earlier runs too, and a state saved before hours were kept still
 * loads. The input arrives in two parts: the first four lines of the spring-forward fixture
 * (see timeline.test.ts), then the other three.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report.js';
import { fixture, runCli } from './support/cli.js';
import { tempDir } from './support/temp.js';
import { BERLIN_TIMELINE } from './timeline-support.js';

const lines = readFileSync(fixture('timeline/spring-forward.log'), 'utf8').split(/(?<=\n)/);

function setup() {
  const root = tempDir('aamlog-nightly-timeline-');
  const logs = join(root, 'logs');
  mkdirSync(logs);
  const run = async () => {
    const result = await runCli([
      'nightly', logs, '--out', join(root, 'reports'), '--state', join(root, 'state.json'),
      '--timezone', 'Europe/Berlin', '--retain-days', '3650', '--quiet',
    ]);
    expect(result.code, result.stderr).toBe(0);
  };
  const arrive = (count: number) => writeFileSync(join(logs, 'am.log'), lines.slice(0, count).join(''));
  const latest = (file: string) => readFileSync(join(root, 'reports', 'latest', file), 'utf8');
  return { root, run, arrive, latest };
}

describe('the nightly job and the timeline', () => {
  it('carries the hourly counts of the first run into the second', async () => {
    const { run, arrive, latest } = setup();
    arrive(4);
    await run();
    expect((JSON.parse(latest('summary.json')) as Report).timeline).toEqual(BERLIN_TIMELINE.slice(0, 4));
    arrive(7);
    await run();
    expect((JSON.parse(latest('summary.json')) as Report).timeline).toEqual(BERLIN_TIMELINE);
    const bars = [...latest('index.html').matchAll(/<g class="bar" data-hour="([^"]+)" data-failures="(\d+)">/g)].map((m) => Number(m[2]));
    expect(bars).toEqual([1, 1, 2, 0, 3]);
  });

  it('loads a state saved without hours, and charts only the failures read since', async () => {
    const { root, run, arrive, latest } = setup();
    arrive(4);
    await run();
    const statePath = join(root, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    for (const group of state.aggregator.groups) delete group.hours;
    writeFileSync(statePath, JSON.stringify(state));
    arrive(7);
    await run();
    const summary: Report = JSON.parse(latest('summary.json'));
    expect(summary.totals.offlineFailures).toBe(7);
    expect(summary.timeline).toEqual(BERLIN_TIMELINE.slice(4));
    // The state saved by this run has hours again, for the failures it counted.
    expect(JSON.parse(readFileSync(statePath, 'utf8')).aggregator.groups.map((g: { hours: unknown }) => g.hours)).toEqual([
      { '2026-03-29T03:00:00+02:00': 1 },
      { '2026-03-29T03:00:00+02:00': 2 },
    ]);
  });
});
