/** Rule 5: the policy lacks one of the two offline emergency code types RSA's fix selects. */
import { assignment, domainEvidence, editPolicy, judgedCause, reauthenticate, type Rule } from '../cause.js';
import { describeDefect, EMERGENCY_LABEL, type Defect } from '../defects.js';
import { matchingChangeRecords, policyHistory } from '../history.js';

export const emergencyCodeTypesMissing: Rule = {
  id: 'emergency-code-types-missing',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null) return null;
    const P = j.policy;
    const missing = (['tokencodes', 'passcodes'] as const).filter((code) => !P.emergencyCodes[code]);
    if (missing.length === 0) return null;
    const defect: Defect = { kind: 'emergency', missing };
    return judgedCause(ctx, {
      id: 'emergency-code-types-missing',
      confidence: 'medium',
      dependsOnToken: false,
      summary: `Policy '${P.name}' does not select the offline emergency code type${missing.length === 1 ? '' : 's'} ${missing.map((c) => `'${EMERGENCY_LABEL[c]}'`).join(' and ')}, which offline day downloads need.`,
      evidence: [
        domainEvidence(ctx, j),
        `'${P.name}': ${describeDefect(defect)}`,
        ...policyHistory(ctx),
        ...matchingChangeRecords(ctx, [P.name, j.domain.name]),
      ],
      remediation: [editPolicy(P, assignment(j), [defect]), reauthenticate(ctx)],
    });
  },
};
