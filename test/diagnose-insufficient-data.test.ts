import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-27T14:45:03+01:00';

describe('rule 10: insufficient-data', () => {
  it('names a user who is in no snapshot and whose records name no domain', async () => {
    const eozdemir = group({ userId: 'eozdemir', agent: 'ws-201.corp.example.com', token: '000934567890', last });
    const causes = causesOf(eozdemir, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['insufficient-data (low)']);
    expect(causes[0].evidence).toEqual([
      "user eozdemir is not in snapshot 2026-11-20's users, and the failure records name no security domain",
    ]);
    expect(causes[0].remediation[0]).toBe(
      "Identity > Users > Manage Existing: look up eozdemir's security domain and tokens, and add them (and the domain with its offline policy) to a new snapshot.",
    );
    expect(causes[0].snapshot).toBe('2026-11-20T08:00:00+01:00');
  });

  it('names a domain the events record that the snapshot lacks', async () => {
    const g = group({ userId: 'jdoe', token: '000123456789', userDomain: 'Field Sales Berlin', last });
    const causes = causesOf(g, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['insufficient-data (low)']);
    expect(causes[0].evidence).toEqual([
      "security domain 'Field Sales Berlin' (recorded by the failure events) is not in snapshot 2026-11-20's securityDomains",
    ]);
  });

  it('says to make a snapshot when none was given', () => {
    const causes = causesOf(group({ userId: 'jdoe', token: '000123456789', last }), { snapshots: [] });
    expect(summary(causes)).toEqual(['insufficient-data (low)']);
    expect(causes[0].summary).toBe("Not enough data to check jdoe's offline policy: no policy snapshot was given; run aamlog snapshot template.");
    expect(causes[0].snapshot).toBeNull();
    expect(causes[0].remediation[0]).toContain('aamlog snapshot template > snapshots/<date>.json');
  });

  it('does not fire for a user missing from the snapshot when the events name a known domain', async () => {
    const g = group({ userId: 'newuser', token: '000934567890', userDomain: 'SystemDomain', last });
    expect(summary(causesOf(g, { snapshots: await snapshotFixture('pinned.json') }))).toEqual(['unexplained (low)']);
  });
});
