/** Rule 4: the token's online passcode is shorter than the policy's minimum, with no override. */
import { assignment, domainEvidence, editPolicy, judgedCause, reauthenticate, type Rule } from '../cause.js';
import { describeDefect, lengthDefects } from '../defects.js';
import { matchingChangeRecords, policyHistory } from '../history.js';

export const passcodeShorterThanMinimum: Rule = {
  id: 'passcode-shorter-than-minimum',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null) return null;
    const blocked = lengthDefects(j.policy, j.token);
    if (blocked.length === 0) return null;
    const P = j.policy;
    const first = blocked[0];
    const summary =
      first.kind === 'length'
        ? `${ctx.group.userId}'s ${first.token.type} token ${first.token.serial} types ${first.typed} digits, fewer than the minimum online passcode length of ${first.min} in policy '${P.name}', and no override allows it.`
        : `Policy '${P.name}' requires ${P.minOnlinePasscodeLength} digits online, more than PINPad-style, tokencode-only and PIN-less tokens type, and does not allow them by override.`;
    return judgedCause(ctx, {
      id: 'passcode-shorter-than-minimum',
      confidence: 'high',
      dependsOnToken: true,
      summary,
      evidence: [
        domainEvidence(ctx, j),
        ...blocked.map((d) => `'${P.name}': ${describeDefect(d)}`),
        ...policyHistory(ctx),
        ...matchingChangeRecords(ctx, [P.name, j.domain.name]),
      ],
      remediation: [editPolicy(P, assignment(j), blocked), reauthenticate(ctx)],
    });
  },
};
