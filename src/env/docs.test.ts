// The committed README op table and replay JSON Schema are the ones the registry and the schema generate today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, REPLAY_SCHEMA, readmeWithOps, replaySchemaText } from '../../scripts/docs.ts';

describe('generated documents', () => {
  it('README.md lists every exposed op as the registry declares it (npm run docs)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readmeWithOps(readme)).toBe(readme);
  });
  it('src/replay/replay.schema.json is the replay schema (npm run docs)', () => {
    expect(readFileSync(REPLAY_SCHEMA, 'utf8')).toBe(replaySchemaText());
  });
});
