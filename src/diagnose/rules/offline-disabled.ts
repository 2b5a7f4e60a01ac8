/** Rule 3: the user's effective policy has offline authentication switched off. */
import { assignment, domainEvidence, editPolicy, judgedCause, reauthenticate, type Rule } from '../cause.js';
import { matchingChangeRecords, policyHistory } from '../history.js';

export const offlineDisabled: Rule = {
  id: 'offline-disabled',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null || j.policy.enabled) return null;
    const P = j.policy;
    const agent = ctx.group.agent ?? "the user's agent";
    return judgedCause(ctx, {
      id: 'offline-disabled',
      confidence: 'high',
      dependsOnToken: false,
      summary: `Offline authentication is disabled in policy '${P.name}', which applies to ${ctx.group.userId} through security domain '${j.domain.name}'.`,
      evidence: [
        domainEvidence(ctx, j),
        `'${P.name}': Enable Offline Authentication is off`,
        ...policyHistory(ctx),
        ...matchingChangeRecords(ctx, [P.name, j.domain.name]),
      ],
      remediation: [
        editPolicy(P, assignment(j), [{ kind: 'disabled' }]),
        `If security domain '${j.domain.name}' is meant to have no offline authentication, these failures are expected: turn offline authentication off in the agent settings of ${agent} so that it stops asking.`,
        reauthenticate(ctx),
      ],
    });
  },
};
