/**
 * Online problems the fast path defers (their records built only if they are still kept
 * when the diagnosis reads them) must end up exactly as the events built at once: the
 * same kept problems per user, every field equal, through the nightly state too, whatever
 * the room for their texts.
 */
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate.js';
import type { AmRecord, EventKind } from '../src/model.js';
import { toEvent } from '../src/normalise.js';
import { cellBytes, MAX_DEFERRED_BYTES, PROBLEMS_PER_USER } from '../src/online-problems.js';
import { createReportCsvParser } from '../src/parse/csv.js';
import { AmLineParser } from '../src/parse/line-parser.js';
import type { RecordParser, RecordSink } from '../src/parse/types.js';
import { ZonePlacer } from '../src/time.js';

const placer = new ZonePlacer('Europe/Berlin');

type Make = (sink: RecordSink) => RecordParser;
const lines: Make = (sink) => new AmLineParser({ file: 'am.log', fallbackDate: null, fallbackDateOrigin: 'the test' }, sink);
const csv: Make = (sink) => createReportCsvParser('report.csv', sink);

/**
 * The aggregator after reading `text`; `deferring`: online problems are offered unbuilt
 * (`budget`: the aggregator's for their texts). Also how many it took so.
 */
function aggregate(make: Make, text: Buffer, deferring: boolean, budget?: number): { aggregator: Aggregator; deferred: number } {
  const aggregator = new Aggregator(placer, budget);
  let deferred = 0;
  const sink: RecordSink = {
    record: (record: AmRecord) => aggregator.add(toEvent(record as AmRecord & { kind: EventKind }, placer)),
    malformed: () => {},
  };
  if (deferring) {
    sink.deferred = (problem) => {
      const taken = aggregator.addDeferred(problem, placer.epochMs(problem.localTime));
      if (taken) deferred++;
      return taken;
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

function expectSameProblems(make: Make, text: Buffer, budget?: number): number {
  const eager = aggregate(make, text, false);
  const deferring = aggregate(make, text, true, budget);
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

const CSV_HEADER =
  'Date & Time,Log Level,Activity Key,Description,Action Result Key,Result Key,Result,User ID,User First Name,User Last Name,' +
  'User Security Domain,User Identity Source Name,Agent Type,Client IP,Instance Name,Argument1,Argument2,Argument3,Argument4,' +
  'Argument5,Argument6,Argument7,Argument8,Argument9,Argument10';
const CSV_LOGIN =
  '2025-03-01 00:MM:SS.960,ERROR,Principal authentication,"User USER failed to authenticate to agent AGENT with SecurID_Native, ' +
  'passcode rejected",FAIL,AUTHN_METHOD_FAILED,Failure,USER,Elena,Vogel,Sales,Internal Database,Standard Agent,192.168.6.11,' +
  'am-rep-02.corp.example.net,AUTHN_LOGIN_EVENT,5,1,d2669380d048f5cf15f6ea58a9cdfa6c,Sales,,,fd25acbb17d9f39e2a6328ba7b3cbc85,xxxxxxxx7416,';
const CSV_FAILURE =
  '2025-03-01 01:00:21.246,ERROR,Offline Authentication Data Download Failed,Offline Authentication data download requested by ' +
  'user USER from agent lt-ber-0777.corp.example.net using token xxxxxxxx9159 failed with error message: "Failed to send day data.",' +
  'FAIL,OFFLINE_DAY_DATA_FAILED,Failure,USER,Greta,Garcia,Finance,Internal Database,Standard Agent,10.31.88.243,' +
  'am-prim-01.corp.example.net,,,,bc222a424e51a23360ab648c2ac8d500,Finance,,,45641c4398e3ccbe3a456119ba8cd4a9,xxxxxxxx9159,Failed to send day data.';

/** A failed login row at 00:MM:SS of user `user`, from an agent whose name is `agentBytes` long. */
function csvLogin(seconds: number, user: string, agentBytes: number): string {
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return CSV_LOGIN.replace('MM:SS', clock).replaceAll('USER', user).replace('AGENT', 'a'.repeat(agentBytes));
}

describe('deferred online problems', () => {
  it('keep what building at once keeps, from syslog lines and report rows, users upper- and lower-cased', () => {
    const lineText: string[] = [];
    const rows = [CSV_HEADER];
    for (let i = 0; i < 5 * PROBLEMS_PER_USER; i++) {
      const user = ['kzimmer', 'KZimmer', 'asmith', 'jdoe', 'ASMITH'][i % 5];
      lineText.push(login(i, user, 10 + (i % 11) * 30));
      rows.push(csvLogin(i, user, 10 + (i % 11) * 30));
    }
    for (const user of ['kzimmer', 'asmith']) {
      lineText.push(FAILURE.replace('USER', user));
      rows.push(CSV_FAILURE.replaceAll('USER', user));
    }
    expect(expectSameProblems(lines, Buffer.from(lineText.join('\n')))).toBe(5 * PROBLEMS_PER_USER);
    expect(expectSameProblems(csv, Buffer.from(rows.join('\r\n')))).toBe(5 * PROBLEMS_PER_USER);
  });

  it('keep their texts whole in cells of every size, and build a text too long to keep at once', () => {
    // Each user's texts take cells of every size, taken again as problems are pushed out;
    // times go back now and then; one login is longer than MAX_DEFERRED_BYTES and is built
    // at once.
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
    expect(deferred).toBe(2 * 3 * PROBLEMS_PER_USER + 2 * (late.length - 1));
    const { aggregator } = aggregate(lines, Buffer.from(text.join('\n')), true);
    const agents = aggregator.contextEvents().filter((e) => e.userId === 'asmith').map((e) => e.agentName!.length);
    expect(agents).toHaveLength(PROBLEMS_PER_USER);
    expect(new Set(agents)).toEqual(new Set([...agentBytes, ...late]));
  });

  it('keep the same problems when their texts outgrow the aggregator\'s budget', () => {
    const text: string[] = [];
    for (let i = 0; i < 40 * PROBLEMS_PER_USER; i++) text.push(login(i % 3600, `u${10 + (i % 20)}`, 300));
    text.push(FAILURE.replace('USER', 'u13'));
    // A budget for 96 texts (all of one length), 20 users with 64 problems each. While the
    // users have room (their first 32), cells are cut for a third of the budget: 32 texts,
    // the rest built at once. Then cells are cut up to the budget (64 more), and the 32
    // freed by the first ones as they are pushed out are taken again.
    const cell = cellBytes(Buffer.byteLength(text[0]));
    const budget = 96 * cell;
    expect(expectSameProblems(lines, Buffer.from(text.join('\n')), budget)).toBe(32 + 64 + 32);
  });

  it('keep taking the cells that pushed-out problems free, once the budget is spent', () => {
    const text: string[] = [];
    for (let i = 0; i < 200 * PROBLEMS_PER_USER; i++) text.push(login(i % 3600, `u${10 + (i % 20)}`, 10 + (i % 7) * 150));
    text.push(FAILURE.replace('USER', 'u13'), FAILURE.replace('USER', 'u27'));
    // Room for 64 texts at most at once (the shortest takes 1 KiB), against 640 slots:
    // each cell is taken again as the problem in it is pushed out.
    const budget = 64 * 1024;
    expect(cellBytes(Buffer.byteLength(login(0, 'u10', 10)))).toBe(1024);
    const deferred = expectSameProblems(lines, Buffer.from(text.join('\n')), budget);
    expect(deferred).toBeGreaterThan(3 * 64);
  });

  it('leave out of the diagnosis the problems of users without failures', () => {
    const text = [login(1, 'kzimmer', 10), login(2, 'asmith', 10), FAILURE.replace('USER', 'kzimmer')].join('\n');
    const { aggregator } = aggregate(lines, Buffer.from(text), true);
    expect(aggregator.contextEvents().map((e) => [e.kind, e.userId])).toEqual([['login-failed', 'kzimmer']]);
    expect(Object.keys(aggregator.toState().onlineProblems).sort()).toEqual(['asmith', 'kzimmer']);
  });
});
