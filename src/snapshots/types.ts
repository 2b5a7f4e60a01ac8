/** A policy snapshot as the diagnosis reads it: validated, with every default filled in. */

export const TOKEN_TYPES = [
  'hardware-fob',
  'hardware-pinpad',
  'software-fob',
  'software-pinpad',
  'software-tokencode',
  'fixed-passcode',
] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];

/** A security domain's `offlinePolicy` that follows the snapshot's default policy. */
export const ALWAYS_USE_DEFAULT = 'ALWAYS_USE_DEFAULT';

export interface OfflinePolicy {
  name: string;
  default: boolean;
  enabled: boolean;
  minOnlinePasscodeLength: number;
  allow: { pinpadOrSoftwareTokens: boolean; pinlessTokens: boolean; fixedPasscodes: boolean };
  emergencyCodes: { tokencodes: boolean; passcodes: boolean };
}

export interface SecurityDomain {
  name: string;
  parent: string | null;
  /** `ALWAYS_USE_DEFAULT` or a policy name. */
  offlinePolicy: string;
}

export interface SnapshotToken {
  serial: string;
  type: TokenType;
  tokencodeLength: 6 | 8;
  pinRequired: boolean;
  pinLength: number;
  /** Set for `fixed-passcode` tokens only. */
  passcodeLength: number | null;
}

export interface SnapshotUser {
  userId: string;
  securityDomain: string;
  tokens: SnapshotToken[];
}

export interface SnapshotAgent {
  name: string;
  securityDomain: string;
}

export interface Snapshot {
  capturedAt: string;
  offlinePolicies: OfflinePolicy[];
  securityDomains: SecurityDomain[];
  users: SnapshotUser[];
  agents: SnapshotAgent[];
}

export interface LoadedSnapshot {
  /** The file as found (the folder given joined with the file name). */
  path: string;
  capturedAt: string;
  capturedAtMs: number;
  snapshot: Snapshot;
}
