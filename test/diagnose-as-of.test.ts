import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const history = () => snapshotFixture('history');
const jdoeAt = (last: string) => group({ userId: 'jdoe', token: '000123456789', last });

describe('the snapshot in force at the last failure', () => {
  it('uses the latest snapshot at or before the failure', async () => {
    const snapshots = await history();
    const judged = (last: string) => causesOf(jdoeAt(last), { snapshots })[0].snapshot;
    expect(judged('2026-11-15T12:00:00+01:00')).toBe('2026-11-13T08:00:00+01:00');
    expect(judged('2026-11-20T07:59:59+01:00')).toBe('2026-11-13T08:00:00+01:00');
    expect(judged('2026-11-20T08:00:00+01:00')).toBe('2026-11-20T08:00:00+01:00');
    expect(judged('2026-11-24T23:00:00+01:00')).toBe('2026-11-20T08:00:00+01:00');
    expect(judged('2026-11-30T08:00:00+01:00')).toBe('2026-11-25T12:00:00+01:00');
  });

  it('judges the same user differently as the policy changes, and names the change that broke it', async () => {
    const snapshots = await history();
    expect(summary(causesOf(jdoeAt('2026-11-15T12:00:00+01:00'), { snapshots }))).toEqual(['unexplained (low)']);
    const broken = causesOf(jdoeAt('2026-11-22T12:00:00+01:00'), { snapshots });
    expect(summary(broken)).toEqual(['user-domain-policy-differs (high)', 'passcode-shorter-than-minimum (high)']);
    expect(broken[0].evidence).toContain("'Legacy Laptops': minOnlinePasscodeLength 8 -> 10 between 2026-11-13 and 2026-11-20");
    const fixed = causesOf(jdoeAt('2026-11-26T12:00:00+01:00'), { snapshots });
    expect(summary(fixed)).toEqual(['unexplained (low)']);
    expect(fixed[0].evidence).toContain(
      "security domain 'Field Sales': offlinePolicy Legacy Laptops -> ALWAYS_USE_DEFAULT between 2026-11-20 and 2026-11-25",
    );
  });

  it('before every snapshot: judges against the earliest, says so, and lowers confidence one step', async () => {
    const asmith = group({ userId: 'asmith', token: '000234567890', last: '2026-11-10T09:00:00+01:00' });
    const causes = causesOf(asmith, { snapshots: await history() });
    expect(summary(causes)).toEqual(['user-domain-policy-differs (medium)', 'offline-disabled (medium)']);
    for (const cause of causes) {
      expect(cause.snapshot).toBe('2026-11-13T08:00:00+01:00');
      expect(cause.evidence).toContain(
        'the last failure at 2026-11-10T09:00:00+01:00 comes before every snapshot; judged against the earliest, captured 2026-11-13T08:00:00+01:00',
      );
    }
  });

  it('records a change of a policy setting of the policy in force', async () => {
    const asmith = group({ userId: 'asmith', token: '000234567890', last: '2026-11-21T09:00:00+01:00' });
    const causes = causesOf(asmith, { snapshots: await history() });
    expect(summary(causes)).toEqual(['unexplained (low)']);
    expect(causes[0].evidence).toContain("'Contractors Offline': enabled false -> true between 2026-11-13 and 2026-11-20");
  });
});
