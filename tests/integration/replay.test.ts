// Replays from a real episode: schema-valid, lossless through JSON and share links, and hostile files are refused clearly.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EpisodeReport, episodeSpec, evalEpisode } from '../../src/cli/eval.ts';
import { replayOf } from '../../src/cli/outputs.ts';
import { loadTasks } from '../../src/env/tasks.ts';
import { POLICIES } from '../../src/policies/index.ts';
import { type Replay, REPLAY_VERSION, parseReplay } from '../../src/replay/format.ts';
import { MAX_LINK_CHARS, decodeLink, encodeLink } from '../../src/replay/link.ts';
import { trajectoryLines, transitionsOf } from '../../src/replay/trajectory.ts';
import { readTaskFiles } from '../../src/node/task-files.ts';
import { makeEnv } from './fixtures.ts';

const schema = JSON.parse(readFileSync(new URL('../../src/replay/replay.schema.json', import.meta.url), 'utf8'));
let replay: Replay;
let report: EpisodeReport;

beforeAll(async () => {
  const env = await makeEnv({ revealAtEnd: true }); // a replay shows the reference once the episode ended
  const def = loadTasks(readTaskFiles()).get('task_1_basic_antipatterns')!;
  report = await evalEpisode(env, { def, seed: 5, policy: POLICIES.oracle.prepare({})(episodeSpec(def, 5)) });
  replay = replayOf(env.info(), { name: 'oracle', details: POLICIES.oracle.describe({}) }, [report]);
});

describe('replay', () => {
  it('matches its published JSON Schema', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(replay))) || validate.errors).toBe(true);
    expect(replay.episodes[0].steps.length).toBe(report.steps);
    expect(replay.episodes[0].seed).toBe(5);
    expect(replay.episodes[0].reference_query).toContain('customer_id = 1');
  });

  it('round-trips through JSON without loss', () => {
    expect(parseReplay(JSON.stringify(replay))).toEqual(replay);
  });

  it('round-trips through a share link', async () => {
    const fragment = await encodeLink(replay);
    expect(fragment.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await decodeLink(`#${fragment}`)).toEqual(replay);
    expect(await decodeLink('#other=1')).toBeNull();
  });

  it('says when a replay is too large for a link', async () => {
    const big = structuredClone(replay);
    // plans of many steps compress well; random text does not
    big.episodes[0].steps[0].action.summary = Array.from({ length: 120_000 }, () => Math.random().toString(36)[2]).join('');
    await expect(encodeLink(big)).rejects.toThrow(/links hold at most 60 KB\. Export it as a file instead/);
  });

  it('refuses broken and hostile files with messages that name what is wrong', async () => {
    // Mutations deliberately break the types, so the clone is handled as loose JSON.
    type Loose = { [k: string]: Loose } & Loose[];
    const bad = (mutate: (r: Loose) => void) => {
      const r = structuredClone(replay) as unknown as Loose;
      mutate(r);
      return JSON.stringify(r);
    };
    const cases: [string, RegExp][] = [
      ['{not json', /not valid JSON/],
      ['[1, 2]', /must be a JSON object/],
      ['{"format": "something else"}', /not a sql-optim-env replay/],
      [
        bad((r) => (r.version = (REPLAY_VERSION + 1) as unknown as Loose)),
        /format version 2, made by a newer sql-optim-env; this one reads version 1/,
      ],
      [
        bad((r) => (r.episodes[0].steps[0].execution.speedup = 'fast' as unknown as Loose)),
        /replay\.episodes\[0\]\.steps\[0\]\.execution\.speedup must be a number \(got "fast"\)/,
      ],
      [bad((r) => (r.episodes[0].steps[0].action.approved = 'yes' as unknown as Loose)), /action\.approved must be true or false/],
      [bad((r) => delete r.policy), /replay\.policy must be an object \(got nothing\)/],
      [bad((r) => (r.episodes = [] as unknown as Loose)), /replay\.episodes must have at least 1 entry \(got a list of 0\)/],
      ['x'.repeat(21 * 2 ** 20), /replays are at most 20 MB/],
    ];
    for (const [text, msg] of cases) expect(() => parseReplay(text)).toThrow(msg);
    await expect(decodeLink('#replay=%%%')).rejects.toThrow(/damaged/);
    await expect(decodeLink('#replay=AAAA')).rejects.toThrow(/damaged or cut short/);
  });

  it('reads a replay written before hints opened on demand (no hints_used, no hint_penalty) as it is: no hint open', () => {
    const old = structuredClone(replay) as unknown as { episodes: { steps: Record<string, Record<string, unknown>>[] }[] };
    for (const s of old.episodes[0].steps) {
      delete s.hints_used;
      delete s.reward.hint_penalty;
    }
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(old) || validate.errors).toBe(true);
    const read = parseReplay(JSON.stringify(old));
    expect(read).toEqual(old); // kept as read, so a re-export is the same file
    const ctx = { task_description: 'd', max_steps: 3, hints: ['h1', 'h2', 'h3'], schema_info: 's' };
    expect(transitionsOf(read.episodes[0], ctx).map((t) => [t.observation.hints, t.observation.hints_total])).toEqual(
      read.episodes[0].steps.map(() => [[], 3]),
    );
  });

  it('keeps script payloads as inert text', () => {
    const payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const r = parseReplay(JSON.stringify({ ...replay, policy: { name: payload, details: payload } }));
    expect(r.policy.name).toBe(payload); // data stays data; the viewer renders it as text (tested in Chromium)
  });

  it('writes one trajectory line per step with observation, action and reward', () => {
    const lines = trajectoryLines([report.transitions])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(report.steps);
    expect(lines[0]).toMatchObject({
      episode: 0,
      task_id: 'task_1_basic_antipatterns',
      step: 1,
      observation: { step_count: 0 },
      action: { approved: false },
    });
    expect(lines[0].reward).toBe(report.transitions[0].result.reward.score);
  });
});
