/** The samples' causes as samples/EXPECTED.md section 6 lists them. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { diagnose, userCauses } from '../src/diagnose/index.js';
import type { FailureGroup } from '../src/model.js';
import { loadSnapshots } from '../src/snapshots/load.js';

describe('samples/ with --snapshots samples/snapshots', () => {
  it("gives each user the causes EXPECTED.md lists, judged against the snapshot it names", async () => {
    const analysis = await analyze({ inputs: ['samples/exports'], zone: 'Europe/Berlin', stdin: Readable.from([]) });
    const groups = analysis.aggregator.groups();
    const causes = diagnose({
      groups,
      events: analysis.aggregator.contextEvents(),
      snapshots: await loadSnapshots('samples/snapshots'),
      zone: analysis.placer,
    });
    const byUser = new Map<string, FailureGroup[]>();
    for (const g of groups) byUser.set(g.userId.toLowerCase(), [...(byUser.get(g.userId.toLowerCase()) ?? []), g]);
    const found = Object.fromEntries(
      [...byUser].map(([user, userGroups]) => {
        const list = userCauses(userGroups, causes);
        return [user, `${list[0].snapshot?.slice(0, 10) ?? '-'}: ${list.map((c) => `${c.id} (${c.confidence})`).join(', ')}`];
      }),
    );
    expect(found).toEqual({
      tnguyen: '-: agent-invalid-proof (high)',
      jdoe: '2026-11-25: user-domain-policy-differs (high), passcode-shorter-than-minimum (high)',
      asmith: '2026-11-20: offline-disabled (high)',
      mweber: '2026-11-20: passcode-shorter-than-minimum (high)',
      bkoch: '2026-11-20: emergency-code-types-missing (medium)',
      lschmidt: '2026-11-25: policy-changed-recently (medium)',
      pwagner: '2026-11-25: online-authentication-problem (medium)',
      hbauer: '2026-11-25: online-authentication-problem (medium)',
      rfischer: '2026-11-25: agent-side (low)',
      ckrause: '2026-11-25: agent-side (low)',
      dlange: '2026-11-25: agent-side (low)',
      eozdemir: '2026-11-25: insufficient-data (low)',
    });
    const dlangeOld = byUser.get('dlange')!.find((g) => g.agent === 'ws-088.corp.example.com')!;
    expect(causes.get(dlangeOld.key)!.map((c) => `${c.id} (${c.confidence})`)).toEqual(['emergency-code-types-missing (medium)']);
    const jdoe = userCauses(byUser.get('jdoe')!, causes)[0];
    expect(jdoe.evidence).toContain("'Legacy Laptops': minOnlinePasscodeLength 8 -> 10 between 2026-11-20 and 2026-11-25");
    expect(jdoe.evidence).toContain("change record AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE (20051) on 'Legacy Laptops' by amadmin at 2026-11-25T11:54:33+01:00");
    const asmith = userCauses(byUser.get('asmith')!, causes)[0];
    expect(asmith.evidence).toContain(
      "security domain 'Contractors': offlinePolicy ALWAYS_USE_DEFAULT -> Contractors Offline between 2026-11-13 and 2026-11-20",
    );
  });
});
