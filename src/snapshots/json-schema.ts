/** The JSON Schema shipped as schema/snapshot.schema.json and printed by `aamlog snapshot schema`. */
import { z } from 'zod';
import { snapshotSchema } from './schema.js';

export function snapshotJsonSchema(): Record<string, unknown> {
  // `input`: fields with defaults are optional in a file, as the user writes it.
  return z.toJSONSchema(snapshotSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
