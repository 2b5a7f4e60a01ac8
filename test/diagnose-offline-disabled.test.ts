import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

describe('rule 3: offline-disabled', () => {
  it('fires alone when the default policy the user follows is disabled', async () => {
    const hbauer = group({ userId: 'hbauer', agent: 'ws-131.corp.example.com', token: '000678901234', last: '2026-11-26T10:00:00+01:00' });
    const causes = causesOf(hbauer, { snapshots: await snapshotFixture('default-disabled.yaml') });
    expect(summary(causes)).toEqual(['offline-disabled (high)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      "Offline authentication is disabled in policy 'Initial Offline Authentication Policy', which applies to hbauer through security domain 'SystemDomain'.",
    );
    expect(cause.evidence).toEqual([
      "hbauer is in security domain 'SystemDomain' (as snapshot 2026-11-20 lists), which follows the default policy 'Initial Offline Authentication Policy' in snapshot 2026-11-20",
      "'Initial Offline Authentication Policy': Enable Offline Authentication is off",
    ]);
    expect(cause.remediation).toEqual([
      "Authentication > Policies > Offline Authentication Policies > Manage Existing: edit 'Initial Offline Authentication Policy' (the default policy, followed by security domain 'SystemDomain'): select Enable Offline Authentication; then save.",
      "If security domain 'SystemDomain' is meant to have no offline authentication, these failures are expected: turn offline authentication off in the agent settings of ws-131.corp.example.com so that it stops asking.",
      'Ask hbauer to authenticate online once from ws-131.corp.example.com so that offline days download again.',
    ]);
    expect(cause.snapshot).toBe('2026-11-20T08:00:00Z');
  });
});
