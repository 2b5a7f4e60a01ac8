/**
 * The per-user store of online-authentication problems (rule 7's evidence): the latest
 * PROBLEMS_PER_USER by time, every field given back as it came in.
 */
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate.js';
import type { AmEvent } from '../src/model.js';
import { PROBLEMS_PER_USER, TextCells, UserProblems } from '../src/online-problems.js';
import { ZonePlacer } from '../src/time.js';

const placer = new ZonePlacer('Europe/Berlin');
const base = Date.parse('2026-11-27T08:00:00Z');

function failedLogin(second: number, line: number, fields: Partial<AmEvent> = {}): AmEvent {
  const epochMs = base + second * 1000;
  return {
    time: placer.iso(epochMs), epochMs, kind: 'login-failed', serverNode: 'am-primary', userId: 'JDoe', userDomain: 'Field Sales',
    agentName: 'ws-042', agentIp: '10.20.4.42', clientIp: '10.20.4.42', tokenSerial: '000123456789', errorMessage: null,
    actionKey: 'AUTHN_LOGIN_EVENT', actionId: '13002', result: 'FAIL', reason: 'AUTHN_METHOD_FAILED',
    targets: [], source: { file: 'am.log', line }, ...fields,
  };
}

describe('online problems per user', () => {
  it('gives back every field of an event, its time placed in the zone again', () => {
    const problems = new UserProblems(new TextCells());
    const event = failedLogin(5, 17, { kind: 'lockout', reason: null, targets: ['x'] });
    problems.add(event);
    expect(problems.events(placer)).toEqual([event]);
  });

  it(`keeps the latest ${PROBLEMS_PER_USER} by time, whatever order they come in; equal times stay in reading order`, () => {
    const problems = new UserProblems(new TextCells());
    // Seconds 39 down to 0, then a second event at second 20.
    for (let second = 39; second >= 0; second--) problems.add(failedLogin(second, 100 - second));
    problems.add(failedLogin(20, 1000));
    const kept = problems.events(placer).map((e) => [(e.epochMs - base) / 1000, e.source.line]);
    expect(kept).toHaveLength(PROBLEMS_PER_USER);
    expect(kept.slice(0, 3)).toEqual([[9, 91], [10, 90], [11, 89]]);
    expect(kept.filter(([second]) => second === 20)).toEqual([[20, 80], [20, 1000]]);
    expect(kept[PROBLEMS_PER_USER - 1]).toEqual([39, 61]);
  });

  it('keeps the same latest ones when events come in order and wrap around, then one out of order', () => {
    const problems = new UserProblems(new TextCells());
    for (let second = 0; second < 70; second++) problems.add(failedLogin(second, second + 1));
    problems.add(failedLogin(50, 1000)); // between kept ones
    problems.add(failedLogin(3, 1001)); // older than every kept one: dropped
    const kept = problems.events(placer).map((e) => [(e.epochMs - base) / 1000, e.source.line]);
    expect(kept).toHaveLength(PROBLEMS_PER_USER);
    expect(kept[0]).toEqual([39, 40]);
    expect(kept.filter(([second]) => second === 50)).toEqual([[50, 51], [50, 1000]]);
    expect(kept[PROBLEMS_PER_USER - 1]).toEqual([69, 70]);
    problems.add(failedLogin(80, 1002));
    expect(problems.events(placer).map((e) => e.source.line).slice(-2)).toEqual([70, 1002]);
  });

  it('carries them through the nightly state unchanged', () => {
    const a = new Aggregator(placer);
    for (let second = 0; second < 40; second++) a.add(failedLogin(second, second + 1, { userId: second % 2 ? 'JDoe' : 'jdoe' }));
    const state = a.toState();
    expect(state.onlineProblems.jdoe).toHaveLength(PROBLEMS_PER_USER);
    expect(Aggregator.fromState(JSON.parse(JSON.stringify(state)), placer).toState()).toEqual(state);
    // The diagnosis reads a user's problems once the user has a failure.
    expect(a.contextEvents()).toEqual([]);
    a.add({ ...failedLogin(50, 99, { userId: 'JDOE' }), kind: 'offline-download-failed' });
    expect(a.contextEvents().map((e) => e.source.line)).toEqual(Array.from({ length: PROBLEMS_PER_USER }, (_, i) => i + 9));
  });
});
