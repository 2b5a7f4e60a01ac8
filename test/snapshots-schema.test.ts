/**
 * schema/snapshot.schema.json ships with the package and is generated from the zod schema.
 * After changing src/snapshots/schema.ts, regenerate it with
 *   UPDATE_SNAPSHOT_SCHEMA=1 npx vitest run test/snapshots-schema.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotJsonSchema } from '../src/snapshots/json-schema.js';

const FILE = 'schema/snapshot.schema.json';

describe('the shipped JSON Schema', () => {
  const generated = `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`;

  it('is the one the zod schema generates', () => {
    if (process.env.UPDATE_SNAPSHOT_SCHEMA) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8'), `regenerate: UPDATE_SNAPSHOT_SCHEMA=1 npx vitest run test/snapshots-schema.test.ts`).toBe(generated);
  });

  it('says what an editor needs: required fields, ranges, token types, extra fields allowed', () => {
    const schema = snapshotJsonSchema() as any;
    expect(schema.required).toEqual(['capturedAt', 'offlinePolicies', 'securityDomains']);
    expect(schema.additionalProperties).toEqual({});
    const policy = schema.properties.offlinePolicies.items;
    expect(policy.required).toEqual(['name', 'enabled', 'minOnlinePasscodeLength']);
    expect(policy.properties.minOnlinePasscodeLength).toMatchObject({ type: 'integer', minimum: 1, maximum: 32 });
    const token = schema.properties.users.items.properties.tokens.items;
    expect(token.properties.type.enum).toEqual([
      'hardware-fob', 'hardware-pinpad', 'software-fob', 'software-pinpad', 'software-tokencode', 'fixed-passcode',
    ]);
    expect(token.properties.pinRequired.default).toBe(true);
  });
});
