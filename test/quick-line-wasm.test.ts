/** The committed WebAssembly module is the one quick-line.wat builds: nobody edits it by hand or forgets to rebuild it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { buildQuickLineModule } from '../scripts/quick-line-wasm.mjs';

describe('src/parse/quick-line-wasm.ts', () => {
  it('is what scripts/quick-line-wasm.mjs builds from quick-line.wat', async () => {
    const committed = readFileSync(new URL('../src/parse/quick-line-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await buildQuickLineModule());
  });
});
