import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';

describe('rule 8: user-agent-domain-conflict', () => {
  it("fires when the agent's domain pins a policy that blocks the token while the user's does not", async () => {
    const tnguyen = group({ userId: 'tnguyen', agent: 'kiosk-01.corp.example.com', token: '000789012345', last });
    const causes = causesOf(tnguyen, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['user-agent-domain-conflict (medium)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      "Agent kiosk-01.corp.example.com is in security domain 'Kiosks', whose policy 'Kiosk Strict' would block tnguyen's offline data, while tnguyen's own policy 'Initial Offline Authentication Policy' would not.",
    );
    expect(cause.evidence.slice(0, 2)).toEqual([
      "agent kiosk-01.corp.example.com is in security domain 'Kiosks' and tnguyen in 'SystemDomain' (snapshot 2026-11-20)",
      "'Kiosk Strict' (security domain 'Kiosks'): minimum online passcode length 12 > 8 digits typed with software-pinpad token 000789012345; 'PINPad or Software Token' is not allowed",
    ]);
    expect(cause.remediation).toEqual([
      "Access > Authentication Agents > Manage Existing: edit 'kiosk-01.corp.example.com' and move it to security domain 'SystemDomain';",
      "or Authentication > Policies > Offline Authentication Policies > Manage Existing: edit 'Kiosk Strict' (assigned to security domain 'Kiosks'): set Minimum Online Passcode Length to 8, or under Allow Offline Authentication Using select PINPad or Software Token; then save.",
      'Ask tnguyen to authenticate online once from kiosk-01.corp.example.com so that offline days download again.',
    ]);
  });

  it('finds the agent by its host name when the log gives the short name', async () => {
    const tnguyen = group({ userId: 'tnguyen', agent: 'KIOSK-01', token: '000789012345', last });
    expect(summary(causesOf(tnguyen, { snapshots: await snapshotFixture('pinned.json') }))).toEqual(['user-agent-domain-conflict (medium)']);
  });

  it('does not fire for an agent in the same domain, or one the snapshot does not list', async () => {
    const snapshots = await snapshotFixture('pinned.json');
    for (const agent of ['ws-042.corp.example.com', 'ws-999.corp.example.com']) {
      const tnguyen = group({ userId: 'tnguyen', agent, token: '000789012345', last });
      expect(summary(causesOf(tnguyen, { snapshots }))).toEqual(['unexplained (low)']);
    }
  });
});
