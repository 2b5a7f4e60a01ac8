/**
 * Online problems the fast path defers (their records built only if they are still kept
 * when the diagnosis reads them) must end up exactly as the events built at once: the
 * same kept problems per user, every field equal, through the nightly state too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInputs, parseSize } from '../bench/generate.mjs';
import { Aggregator } from '../src/aggregate.js';
import type { AmRecord, EventKind } from '../src/model.js';
import { toEvent } from '../src/normalise.js';
import { MAX_DEFERRED_BYTES, PROBLEMS_PER_USER } from '../src/online-problems.js';
import { createReportCsvParser } from '../src/parse/csv.js';
import { AmLineParser } from '../src/parse/line-parser.js';
import type { RecordParser, RecordSink } from '../src/parse/types.js';
import { ZonePlacer } from '../src/time.js';

const placer = new ZonePlacer('Europe/Berlin');

type Make = (sink: RecordSink) => RecordParser;
const lines: Make = (sink) => new AmLineParser({ file: 'am.log', fallbackDate: null, fallbackDateOrigin: 'the test' }, sink);
const csv: Make = (sink) => createReportCsvParser('report.csv', sink);

/** The aggregator after reading `text`; `deferring`: online problems come unbuilt. Also how many came so. */
function aggregate(make: Make, text: Buffer, deferring: boolean): { aggregator: Aggregator; deferred: number } {
  const aggregator = new Aggregator(placer);
  let deferred = 0;
  const sink: RecordSink = {
    record: (record: AmRecord) => aggregator.add(toEvent(record as AmRecord & { kind: EventKind }, placer)),
    malformed: () => {},
  };
  if (deferring) {
    sink.deferred = (problem) => {
      deferred++;
      aggregator.addDeferred(problem, placer.epochMs(problem.localTime));
    };
  }
  const parser = make(sink);
  // In pieces through one reused buffer, as files are read: a kept view of it would show.
  const scratch = Buffer.alloc(4096);
  for (let at = 0; at < text.length; at += scratch.length) {
    const size = text.copy(scratch, 0, at, at + scratch.length);
    parser.push(scratch.subarray(0, size));
    scratch.fill(0x2c);
  }
  parser.end();
  return { aggregator, deferred };
}

function expectSameProblems(make: Make, text: Buffer): number {
  const eager = aggregate(make, text, false);
  const deferring = aggregate(make, text, true);
  expect(eager.deferred).toBe(0);
  expect(deferring.aggregator.toState()).toEqual(eager.aggregator.toState());
  expect(deferring.aggregator.contextEvents()).toEqual(eager.aggregator.contextEvents());
  return deferring.deferred;
}

const LOGIN =
  '<12>Nov 23 10:12:45 am-primary 2026-11-23 10:SS,001, am-primary.corp.example.com, audit.runtime.com.rsa.ims.authn.impl.AuthenticationBrokerImpl, WARN, ' +
  'a4f5d996f042bed60f6817d2b0b26d2d,d13c513a42f8eda197b1165f0971b7c4,10.20.0.5,10.10.1.11,AUTHN_LOGIN_EVENT,13002,FAIL,AUTHN_METHOD_FAILED,' +
  'c05cb4dbb02d9e2b8b7248ede2910c95-OZld8FDGNsd4,e873650d0a526d3c533fe66c195e9b60,3cbb7daa64c184fa48a7c8252abc5619,959575fe0a734d03343a2c9fbed3e91c,' +
  'USER,Karl,Zimmer,b4864fd395ef2be424d2bd9ccec54201,000000000000000000001000e0011000,10.20.0.5,AGENT,7,000000000000000000002000f1022000,' +
  'SecurID_Native,,,AUTHN_LOGIN_EVENT,6,4,959575fe0a734d03343a2c9fbed3e91c,Finance,,,495a38d09ce6b81bb6154826b1548e26,000311224466,,';
const FAILURE =
  '2026-11-23 11:00:00,000, am-primary, audit.runtime.com.rsa.authmgr.offline, ERROR, 1,2,10.20.0.5,10.10.1.11,OA_DATA_DOWNLOAD_FAILED,23017,FAIL,' +
  'OFFLINE_DAY_DATA_FAILED,s,x,x,x,USER,Karl,Zimmer,x,x,10.20.0.5,ws-1.corp.example.com,7,x,x,,,x,x,x,x,Finance,,,,000311224466,Failed to send day data.';

/** A failed login at 10:MM:SS of user `user`, from an agent whose name is `agentBytes` long. */
function login(seconds: number, user: string, agentBytes: number): string {
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return LOGIN.replace('SS', clock).replace('USER', user).replace('AGENT', 'a'.repeat(agentBytes));
}

describe('deferred online problems', () => {
  let dir: string;
  let generated: { kind: string; path: string }[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aamlog-deferred-'));
    const manifest = await generateInputs({ dir, size: parseSize('2MB'), seed: 11, kinds: ['syslog', 'audit', 'csv'] });
    generated = Object.values(manifest.files).map((f) => ({ kind: f!.kind, path: f!.path }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keep what building at once keeps, on generated syslog, audit and report inputs', () => {
    for (const file of generated) {
      const deferred = expectSameProblems(file.kind === 'csv' ? csv : lines, readFileSync(file.path));
      expect(deferred, file.kind).toBeGreaterThan(200);
    }
  });

  it('keep their texts whole while each user\'s buffer grows, and build a text too long to keep at once', () => {
    // Each user's texts outgrow the room per text (512, 1024, 2048, 4096 bytes) while the
    // buffer is full of kept ones; times go back now and then; one login is longer than
    // MAX_DEFERRED_BYTES and is built at once.
    const agentBytes = [10, 300, 20, 60, 150, 200, 40, 250];
    const text: string[] = [];
    for (let i = 0; i < 3 * PROBLEMS_PER_USER; i++) {
      const seconds = i % 7 === 6 ? i - 5 : i;
      text.push(login(seconds, i % 3 === 0 ? 'KZimmer' : 'kzimmer', agentBytes[i % agentBytes.length]));
      text.push(login(seconds, 'asmith', agentBytes[(i + 3) % agentBytes.length]));
    }
    const late = [700, 1500, 3200, MAX_DEFERRED_BYTES];
    late.forEach((bytes, i) => text.push(login(200 + i, 'kzimmer', bytes), login(200 + i, 'asmith', bytes)));
    text.push(FAILURE.replace('USER', 'kzimmer'), FAILURE.replace('USER', 'asmith'));
    const deferred = expectSameProblems(lines, Buffer.from(text.join('\n')));
    expect(deferred).toBe(6 * PROBLEMS_PER_USER + 2 * late.length);
    const { aggregator } = aggregate(lines, Buffer.from(text.join('\n')), true);
    const agents = aggregator.contextEvents().filter((e) => e.userId === 'asmith').map((e) => e.agentName!.length);
    expect(agents).toHaveLength(PROBLEMS_PER_USER);
    expect(new Set(agents)).toEqual(new Set([...agentBytes, ...late]));
  });

  it('leave out of the diagnosis the problems of users without failures', () => {
    const text = [login(1, 'kzimmer', 10), login(2, 'asmith', 10), FAILURE.replace('USER', 'kzimmer')].join('\n');
    const { aggregator } = aggregate(lines, Buffer.from(text), true);
    expect(aggregator.contextEvents().map((e) => [e.kind, e.userId])).toEqual([['login-failed', 'kzimmer']]);
    expect(Object.keys(aggregator.toState().onlineProblems).sort()).toEqual(['asmith', 'kzimmer']);
  });
});
