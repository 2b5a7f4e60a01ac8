import { describe, expect, it } from 'vitest';
import { causesOf, group, policyUpdate, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';
const hbauer = group({ userId: 'hbauer', agent: 'ws-131.corp.example.com', token: '000678901234', last });

describe('rule 6: policy-changed-recently', () => {
  it('fires at medium for a policy update 10 minutes before the last failure', async () => {
    const causes = causesOf(hbauer, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [policyUpdate('2026-11-26T09:50:00+01:00', 'Legacy Laptops')],
    });
    expect(summary(causes)).toEqual(['policy-changed-recently (medium)']);
    const [cause] = causes;
    expect(cause.evidence).toEqual([
      "AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE (20051) on 'Legacy Laptops' by amadmin at 2026-11-26T09:50:00+01:00, 10.0 minutes before the last failure at 2026-11-26T10:00:00+01:00",
      "policy 'Initial Offline Authentication Policy' in snapshot 2026-11-20 allows offline data for hardware-fob token 000678901234: offline authentication enabled, minimum online passcode length 8, both emergency code types selected",
    ]);
    expect(cause.remediation).toEqual([
      'Wait about ten minutes after the change at 2026-11-26T09:50:00+01:00 for the replicas to see it; no setting needs changing.',
      'Ask hbauer to authenticate online once from ws-131.corp.example.com so that offline days download again.',
    ]);
  });

  it('counts a change exactly 15 minutes before, not 15 minutes and 1 second, nor one after the failure', async () => {
    const snapshots = await snapshotFixture('pinned.json');
    const at = (time: string) => summary(causesOf(hbauer, { snapshots, events: [policyUpdate(time, 'Legacy Laptops')] }));
    expect(at('2026-11-26T09:45:00+01:00')).toEqual(['policy-changed-recently (medium)']);
    expect(at('2026-11-26T09:44:59+01:00')).toEqual(['unexplained (low)']);
    expect(at('2026-11-26T10:00:01+01:00')).toEqual(['unexplained (low)']);
  });

  it('does not fire when the policy itself is defective', async () => {
    const jdoe = group({ userId: 'jdoe', token: '000123456789', last });
    const causes = causesOf(jdoe, {
      snapshots: await snapshotFixture('pinned.json'),
      events: [policyUpdate('2026-11-26T09:50:00+01:00', 'Legacy Laptops')],
    });
    expect(summary(causes)).toEqual(['user-domain-policy-differs (high)', 'passcode-shorter-than-minimum (high)']);
    expect(causes[0].evidence).toContain(
      "change record AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE (20051) on 'Legacy Laptops' by amadmin at 2026-11-26T09:50:00+01:00",
    );
  });
});
