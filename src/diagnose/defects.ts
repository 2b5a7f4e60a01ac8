/**
 * What makes a policy defective for a token (CAUSES.md, Terms): disabled, the token
 * length-blocked, or an emergency code type off.
 */
import type { TokenMatch } from '../snapshots/effective-policy.js';
import type { OfflinePolicy, SnapshotToken } from '../snapshots/types.js';

export type Override = keyof OfflinePolicy['allow'];
export type EmergencyCode = keyof OfflinePolicy['emergencyCodes'];

/** The Security Console's labels. */
export const OVERRIDE_LABEL: Record<Override, string> = {
  pinpadOrSoftwareTokens: 'PINPad or Software Token',
  pinlessTokens: 'PIN-less Token',
  fixedPasscodes: 'fixed passcodes',
};
export const EMERGENCY_LABEL: Record<EmergencyCode, string> = {
  tokencodes: 'Offline Emergency Tokencodes',
  passcodes: 'Offline Emergency Passcodes',
};

/** PINPad-style, tokencode-only and PIN-less tokens type at most this many digits. */
export const MOST_DIGITS_WITHOUT_PIN = 8;

export type Defect =
  | { kind: 'disabled' }
  | { kind: 'length'; token: SnapshotToken; typed: number; min: number; overrides: Override[] }
  /** The token is unknown: judged by the most digits any tokencode-only token types. */
  | { kind: 'length-any-token'; min: number; off: Override[] }
  | { kind: 'emergency'; missing: EmergencyCode[] };

/** Digits the token's owner types online (CAUSES.md, "Passcode length"). */
export function passcodeLength(token: SnapshotToken): number {
  if (token.type === 'fixed-passcode') return token.passcodeLength ?? 0;
  if (token.type === 'hardware-fob' || token.type === 'software-fob') {
    return token.pinRequired ? token.pinLength + token.tokencodeLength : token.tokencodeLength;
  }
  return token.tokencodeLength;
}

/** The settings that let the token download although its passcode is short. */
export function overridesFor(token: SnapshotToken): Override[] {
  const overrides: Override[] = [];
  if (token.type === 'hardware-pinpad' || token.type.startsWith('software-')) overrides.push('pinpadOrSoftwareTokens');
  if (!token.pinRequired || token.type === 'software-tokencode') overrides.push('pinlessTokens');
  if (token.type === 'fixed-passcode') overrides.push('fixedPasscodes');
  return overrides;
}

export function lengthDefects(policy: OfflinePolicy, match: TokenMatch): Defect[] {
  const min = policy.minOnlinePasscodeLength;
  if (match.kind === 'unknown') {
    const off = (['pinpadOrSoftwareTokens', 'pinlessTokens'] as const).filter((o) => !policy.allow[o]);
    return min > MOST_DIGITS_WITHOUT_PIN && off.length > 0 ? [{ kind: 'length-any-token', min, off }] : [];
  }
  return match.tokens.flatMap((token): Defect[] => {
    const typed = passcodeLength(token);
    const overrides = overridesFor(token);
    const blocked = typed < min && !overrides.some((o) => policy.allow[o]);
    return blocked ? [{ kind: 'length', token, typed, min, overrides }] : [];
  });
}

/** Every defect of a policy for the token (for some token, where several stand in). */
export function defects(policy: OfflinePolicy, match: TokenMatch): Defect[] {
  const found: Defect[] = [];
  if (!policy.enabled) found.push({ kind: 'disabled' });
  found.push(...lengthDefects(policy, match));
  const missing = (['tokencodes', 'passcodes'] as const).filter((code) => !policy.emergencyCodes[code]);
  if (missing.length > 0) found.push({ kind: 'emergency', missing });
  return found;
}

const quoteList = (labels: string[]) => labels.map((l) => `'${l}'`).join(' and ');

export function describeToken(token: SnapshotToken): string {
  return `${token.type} token ${token.serial}`;
}

/** A defect as evidence: names, numbers and the settings involved. */
export function describeDefect(defect: Defect): string {
  switch (defect.kind) {
    case 'disabled':
      return 'Enable Offline Authentication is off';
    case 'length': {
      const { token } = defect;
      const made =
        (token.type === 'hardware-fob' || token.type === 'software-fob') && token.pinRequired
          ? ` (${token.pinLength}-digit PIN + ${token.tokencodeLength}-digit tokencode)`
          : '';
      const head = `minimum online passcode length ${defect.min} > ${defect.typed} digits typed with ${describeToken(token)}${made}`;
      if (defect.overrides.length === 0) return `${head}; a ${token.type} with a PIN has no override`;
      const labels = defect.overrides.map((o) => OVERRIDE_LABEL[o]);
      return `${head}; ${quoteList(labels)} ${labels.length === 1 ? 'is' : 'are'} not allowed`;
    }
    case 'length-any-token': {
      const labels = defect.off.map((o) => OVERRIDE_LABEL[o]);
      return (
        `minimum online passcode length ${defect.min} > ${MOST_DIGITS_WITHOUT_PIN} digits, the most a PINPad-style, ` +
        `tokencode-only or PIN-less token types; ${quoteList(labels)} ${labels.length === 1 ? 'is' : 'are'} not allowed`
      );
    }
    case 'emergency': {
      const labels = defect.missing.map((c) => EMERGENCY_LABEL[c]);
      return `the Offline Emergency Codes code type${labels.length === 1 ? '' : 's'} ${quoteList(labels)} ${labels.length === 1 ? 'is' : 'are'} not selected`;
    }
  }
}

/** The change to a policy that removes a defect, in the Security Console's words. */
export function fixFor(defect: Defect): string {
  switch (defect.kind) {
    case 'disabled':
      return 'select Enable Offline Authentication';
    case 'length': {
      const setMin = `set Minimum Online Passcode Length to ${Math.min(MOST_DIGITS_WITHOUT_PIN, defect.typed)}`;
      if (defect.overrides.length === 0) return setMin;
      const labels = defect.overrides.map((o) => OVERRIDE_LABEL[o]).join(' or ');
      return `${setMin}, or under Allow Offline Authentication Using select ${labels}`;
    }
    case 'length-any-token':
      return `set Minimum Online Passcode Length to ${MOST_DIGITS_WITHOUT_PIN}, or under Allow Offline Authentication Using select ${defect.off.map((o) => OVERRIDE_LABEL[o]).join(' and ')}`;
    case 'emergency':
      return `under Offline Emergency Codes select the code type${defect.missing.length === 1 ? '' : 's'} ${defect.missing.map((c) => EMERGENCY_LABEL[c]).join(' and ')}`;
  }
}
