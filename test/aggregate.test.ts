import { describe, expect, it } from 'vitest';
import { Aggregator } from '../src/aggregate.js';
import type { AmEvent, EventKind } from '../src/model.js';
import { ZonePlacer } from '../src/time.js';

const placer = new ZonePlacer('UTC');
let line = 0;
function event(kind: EventKind, at: string, fields: Partial<AmEvent> = {}): AmEvent {
  const epochMs = Date.parse(at);
  return {
    kind, time: placer.iso(epochMs), epochMs, serverNode: null, userId: 'jdoe', userDomain: null,
    agentName: 'ws-042', agentIp: null, clientIp: null, tokenSerial: '000123456789',
    errorMessage: 'Failed to send day data.', actionKey: null, actionId: null, result: null, reason: null,
    targets: [], source: { file: 'f', line: ++line }, ...fields,
  };
}
const summary = (a: Aggregator) =>
  a.groups().map((g) => [g.userId, g.agent, g.token, g.failures, g.status]).sort();

describe('failure groups', () => {
  it('groups by user (any case), agent and token, showing the first spelling', () => {
    const a = new Aggregator(placer);
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z', { userId: 'JDoe' }));
    a.add(event('offline-download-failed', '2026-11-27T08:00:02Z', { userId: 'jdoe' }));
    a.add(event('offline-download-failed', '2026-11-27T08:00:04Z', { tokenSerial: '000999999999' }));
    a.add(event('offline-download-failed', '2026-11-27T08:00:06Z', { agentName: 'ws-043' }));
    expect(summary(a)).toEqual([
      ['JDoe', 'ws-042', '000123456789', 2, 'open'],
      ['jdoe', 'ws-042', '000999999999', 1, 'open'],
      ['jdoe', 'ws-043', '000123456789', 1, 'open'],
    ]);
  });

  it('groups fully masked serials by user and agent only', () => {
    const a = new Aggregator(placer);
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z', { tokenSerial: 'xxxxxxxxxxxx' }));
    a.add(event('offline-download-failed', '2026-11-27T08:00:01Z', { tokenSerial: null }));
    a.add(event('offline-download-failed', '2026-11-27T08:00:02Z', { tokenSerial: 'xxxxxxxx2776' }));
    expect(summary(a)).toEqual([
      ['jdoe', 'ws-042', 'xxxxxxxx2776', 1, 'open'],
      ['jdoe', 'ws-042', 'xxxxxxxxxxxx', 2, 'open'],
    ]);
  });

  it('counts errors per message and keeps first and last failure times whatever the reading order', () => {
    const a = new Aggregator(placer);
    a.add(event('offline-download-failed', '2026-11-27T09:00:00Z', { errorMessage: 'Invalid proof' }));
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z'));
    a.add(event('offline-download-failed', '2026-11-27T10:00:00Z', { errorMessage: 'Invalid proof' }));
    const [g] = a.groups();
    expect([g.firstFailure, g.lastFailure, g.errors]).toEqual([
      '2026-11-27T08:00:00+00:00',
      '2026-11-27T10:00:00+00:00',
      [{ message: 'Invalid proof', count: 2 }, { message: 'Failed to send day data.', count: 1 }],
    ]);
  });
});

describe('open or resolved', () => {
  it('is resolved by a later success of the same user, agent and token', () => {
    const a = new Aggregator(placer);
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z'));
    a.add(event('offline-download-succeeded', '2026-11-27T09:00:00Z', { userId: 'JDOE', agentName: 'WS-042' }));
    expect(summary(a)).toEqual([['jdoe', 'ws-042', '000123456789', 1, 'resolved']]);
  });

  it('stays open after an earlier success, a success of another token, or another agent', () => {
    const a = new Aggregator(placer);
    a.add(event('offline-download-succeeded', '2026-11-27T07:00:00Z'));
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z'));
    a.add(event('offline-download-succeeded', '2026-11-27T09:00:00Z', { tokenSerial: '000999999999' }));
    a.add(event('offline-download-succeeded', '2026-11-27T09:00:00Z', { agentName: 'ws-043' }));
    expect(summary(a)).toEqual([['jdoe', 'ws-042', '000123456789', 1, 'open']]);
  });

  it('counts a success with an unknown serial for a known token, and any success for an unknown token', () => {
    const a = new Aggregator(placer);
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z'));
    a.add(event('offline-download-failed', '2026-11-27T08:00:00Z', { userId: 'asmith', tokenSerial: 'xxxxxxxxxxxx' }));
    a.add(event('offline-download-succeeded', '2026-11-27T09:00:00Z', { tokenSerial: 'xxxxxxxxxxxx' }));
    a.add(event('offline-download-succeeded', '2026-11-27T09:00:00Z', { userId: 'asmith', tokenSerial: '000555555555' }));
    expect(summary(a)).toEqual([
      ['asmith', 'ws-042', 'xxxxxxxxxxxx', 1, 'resolved'],
      ['jdoe', 'ws-042', '000123456789', 1, 'resolved'],
    ]);
  });
});

describe('saved state', () => {
  it('continues from a saved state exactly as if nothing had stopped', () => {
    const events = [
      event('offline-download-failed', '2026-11-27T08:00:00Z'),
      event('login-failed', '2026-11-27T07:59:00Z'),
      event('offline-download-failed', '2026-11-27T08:05:00Z', { errorMessage: 'Invalid proof' }),
      event('offline-download-succeeded', '2026-11-27T09:00:00Z', { userId: 'asmith' }),
    ];
    const whole = new Aggregator(placer);
    events.forEach((e) => whole.add(e));
    const first = new Aggregator(placer);
    events.slice(0, 2).forEach((e) => first.add(e));
    const resumed = Aggregator.fromState(JSON.parse(JSON.stringify(first.toState())), placer);
    events.slice(2).forEach((e) => resumed.add(e));
    expect(resumed.toState()).toEqual(whole.toState());
    expect(resumed.contextEvents().map((e) => e.kind)).toEqual(['login-failed']);
  });
});

describe('error messages as counted keys', () => {
  it('counts a message named like an object property as any other', () => {
    const a = new Aggregator(placer);
    for (const message of ['Failed to send day data.', '__proto__', '__proto__', 'constructor']) {
      a.add(event('offline-download-failed', '2026-11-27T08:00:00Z', { errorMessage: message }));
    }
    const expected = [
      { message: '__proto__', count: 2 },
      { message: 'constructor', count: 1 },
      { message: 'Failed to send day data.', count: 1 },
    ];
    expect(a.groups()[0].errors).toEqual(expected);
    expect(Aggregator.fromState(JSON.parse(JSON.stringify(a.toState())), placer).groups()[0].errors).toEqual(expected);
  });
});
