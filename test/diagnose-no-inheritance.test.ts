import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';

describe('no inheritance between security domains', () => {
  it("a sub-domain that follows the default never takes its parent's pinned policy", async () => {
    const mmueller = group({ userId: 'mmueller', token: '000223456789', last });
    const causes = causesOf(mmueller, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['unexplained (low)']);
    expect(causes[0].evidence[0]).toContain("policy 'Initial Offline Authentication Policy' in snapshot 2026-11-20 allows offline data");
  });

  it("a sub-domain that pins a policy keeps it although its parent follows a default that would work", async () => {
    const jdoe = group({ userId: 'jdoe', token: '000123456789', last });
    const causes = causesOf(jdoe, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)[0]).toBe('user-domain-policy-differs (high)');
    expect(causes[0].evidence).toContain(
      "'Field Sales' is a sub-domain of 'SystemDomain', and a sub-domain never inherits its parent's policy: editing the default policy or the policy of 'SystemDomain' does not reach jdoe",
    );
  });

  it("the domain the events record wins over the snapshot's users entry", async () => {
    const jdoe = group({ userId: 'jdoe', token: '000123456789', userDomain: 'Field Sales Munich', last });
    expect(summary(causesOf(jdoe, { snapshots: await snapshotFixture('pinned.json') }))).toEqual(['unexplained (low)']);
  });
});
