import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';
const ts01 = (userId: string, token: string) => group({ userId, agent: 'ts-01.corp.example.com', token, last });

describe('rule 9: agent-side', () => {
  it('fires at low when the agent fails for 3 users whose policy is fine', async () => {
    const causes = causesOf(ts01('hbauer', '000678901234'), {
      snapshots: await snapshotFixture('pinned.json'),
      others: [ts01('TNguyen', '000789012345'), ts01('lmulti', '000111110001'), ts01('tnguyen', '000789012345')],
    });
    expect(summary(causes)).toEqual(['agent-side (low)']);
    const [cause] = causes;
    expect(cause.evidence[0]).toBe('agent ts-01.corp.example.com has failures for 3 users: hbauer, lmulti, TNguyen');
    expect(cause.remediation[0]).toBe(
      "On ts-01.corp.example.com: update the RSA Authentication Agent to the latest release, check the machine's clock, and check that it reaches the primary and every replica.",
    );
  });

  it('does not fire for 2 users', async () => {
    const causes = causesOf(ts01('hbauer', '000678901234'), {
      snapshots: await snapshotFixture('pinned.json'),
      others: [ts01('tnguyen', '000789012345')],
    });
    expect(summary(causes)).toEqual(['unexplained (low)']);
  });

  it("does not fire for a user whose own policy is defective, though the agent's count includes them", async () => {
    const snapshots = await snapshotFixture('pinned.json');
    const jdoe = ts01('jdoe', '000123456789');
    const others = [ts01('hbauer', '000678901234'), ts01('tnguyen', '000789012345')];
    expect(summary(causesOf(jdoe, { snapshots, others }))).toEqual(['user-domain-policy-differs (high)', 'passcode-shorter-than-minimum (high)']);
    expect(summary(causesOf(others[0], { snapshots, others: [jdoe, others[1]] }))).toEqual(['agent-side (low)']);
  });
});
