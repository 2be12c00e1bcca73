// `npm test`: every gate and test tier, each run even when an earlier one failed, then one table of results and a
// closing line with the test counts. Exits 1 when any tier failed.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const npx = (...args) => ['npx', '--no-install', ...args];
const BROWSER_TESTS = readdirSync('tests/e2e')
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `tests/e2e/${f}`);
// Node's test runner prints `# pass N` (TAP) or `ℹ pass N` (spec); vitest prints `Tests  N passed | M failed`.
const TIERS = [
  { name: 'format', cmd: npx('prettier', '--check', '.') },
  { name: 'lint', cmd: npx('eslint', '.') },
  { name: 'svelte-check', cmd: npx('svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings') },
  { name: 'types', cmd: npx('tsc', '--noEmit', '-p', '.') },
  { name: 'unit', cmd: npx('vitest', 'run', 'src/'), counts: 'vitest' },
  { name: 'integration', cmd: npx('vitest', 'run', 'tests/'), counts: 'vitest' },
  { name: 'python', cmd: ['node', 'scripts/python-tests.mjs'], counts: 'node' },
  { name: 'build', cmd: npx('vite', 'build', '--logLevel', 'warn') },
  { name: 'browser', cmd: ['node', '--import', 'tsx', '--test', '--test-concurrency=1', ...BROWSER_TESTS], counts: 'node', needs: 'build' },
];

/** Runs one command with its output shown as it comes; resolves with the exit code and the text it printed. */
function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const keep = (stream, out) => stream.on('data', (d) => (out.write(d), (text += d)));
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('error', (e) => resolve({ code: 127, text: String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/** Passed and failed test counts from a runner's closing lines (colour codes stripped). */
function counts(kind, text) {
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
  if (kind === 'vitest') {
    const line = plain.match(/^\s*Tests\s+(.*)$/m)?.[1] ?? '';
    const n = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
    return { passed: n('passed'), failed: n('failed') };
  }
  const n = (word) => Number(plain.match(new RegExp(`^(?:# |ℹ )${word} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: n('pass'), failed: n('fail') + n('cancelled') };
}

const results = [];
for (const tier of TIERS) {
  const blocked = tier.needs && results.find((r) => r.name === tier.needs && !r.ok);
  if (blocked) {
    results.push({ name: tier.name, ok: false, seconds: 0, note: `not run: ${tier.needs} failed` });
    continue;
  }
  process.stdout.write(`\n=== ${tier.name}: ${tier.cmd.join(' ')}\n`);
  const t0 = Date.now();
  const { code, text } = await run(tier.cmd);
  const c = tier.counts ? counts(tier.counts, text) : null;
  // A test tier that ran nothing has not passed, whatever its exit code.
  const ok = code === 0 && (!c || (c.passed > 0 && c.failed === 0));
  results.push({ name: tier.name, ok, seconds: (Date.now() - t0) / 1000, counts: c, note: code === 0 ? '' : `exit ${code}` });
}

const total = results.reduce((s, r) => ({ passed: s.passed + (r.counts?.passed ?? 0), failed: s.failed + (r.counts?.failed ?? 0) }), {
  passed: 0,
  failed: 0,
});
console.log('\n=== results');
for (const r of results) {
  const tests = r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed` : '';
  console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(13)} ${r.seconds.toFixed(1).padStart(6)} s  ${tests} ${r.note ?? ''}`.trimEnd());
}
const failedTiers = results.filter((r) => !r.ok).length;
console.log(`tiers: ${results.length - failedTiers} passed, ${failedTiers} failed`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed`);
process.exit(failedTiers === 0 ? 0 : 1);
