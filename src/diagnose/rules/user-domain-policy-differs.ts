/**
 * Rule 2: the user's domain pins a policy other than the default, that policy is
 * defective for the token and the default is not. The trap RSA's article warns about:
 * fixing the default (or the top domain's) policy never reaches a sub-domain that pins another.
 */
import { ALWAYS_USE_DEFAULT } from '../../snapshots/types.js';
import { DOMAIN_PATH, domainEvidence, editPolicy, judgedCause, reauthenticate, type Rule } from '../cause.js';
import { defects, describeDefect, type Defect } from '../defects.js';
import { matchingChangeRecords, policyHistory } from '../history.js';

function shortDefect(defect: Defect, userId: string): string {
  switch (defect.kind) {
    case 'disabled':
      return 'has offline authentication disabled';
    case 'length':
      return `blocks ${userId}'s ${defect.token.type} token`;
    case 'length-any-token':
      return `requires ${defect.min} digits online, more than PINPad-style and PIN-less tokens type`;
    case 'emergency':
      return 'lacks an offline emergency code type';
  }
}

export const userDomainPolicyDiffers: Rule = {
  id: 'user-domain-policy-differs',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null || j.domain.offlinePolicy === ALWAYS_USE_DEFAULT) return null;
    const [P, D] = [j.policy, j.defaultPolicy];
    if (P.name === D.name || j.defects.length === 0 || defects(D, j.token).length > 0) return null;
    const { userId } = ctx.group;
    const domain = j.domain.name;
    const evidence = [
      domainEvidence(ctx, j),
      ...j.defects.map((d) => `'${P.name}': ${describeDefect(d)}`),
      `the default policy '${D.name}' would allow it: offline authentication enabled, minimum online passcode length ${D.minOnlinePasscodeLength}, both emergency code types selected`,
    ];
    if (j.domain.parent !== null) {
      evidence.push(
        `'${domain}' is a sub-domain of '${j.domain.parent}', and a sub-domain never inherits its parent's policy: editing the default policy or the policy of '${j.domain.parent}' does not reach ${userId}`,
      );
    }
    evidence.push(...policyHistory(ctx), ...matchingChangeRecords(ctx, [P.name, domain]));
    return judgedCause(ctx, {
      id: 'user-domain-policy-differs',
      confidence: 'high',
      dependsOnToken: true,
      summary: `Security domain '${domain}' pins policy '${P.name}', which ${shortDefect(j.defects[0], userId)}; the default policy '${D.name}' would not.`,
      evidence,
      remediation: [
        `${DOMAIN_PATH}: edit '${domain}' and set its offline authentication policy to the default ('${D.name}'), if nothing else in '${domain}' needs '${P.name}';`,
        `or ${editPolicy(P, `assigned to security domain '${domain}'`, j.defects)}`,
        reauthenticate(ctx),
      ],
    });
  },
};
