// The Python tier of `npm test`: the standard-library client's unit tests, then its smoke script playing an episode
// against a real `serve --http` started here. Prints `# pass N` / `# fail N` like Node's test runner.
import { spawn } from 'node:child_process';

// Only catches a hang (the server generates its data first; a busy machine takes longer): never a speed target.
const HANG_MS = 10 * 60_000;

/** Runs a command with its output shown; resolves with the exit code and the text. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ])
      stream.on('data', (d) => (out.write(d), (text += d)));
    child.on('error', (e) => resolve({ code: 127, text: String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/** Starts `serve --http` on a free port; resolves with its URL once it listens, and the child to stop later. */
function startServer() {
  const child = spawn(process.execPath, ['bin/sql-optim-env.mjs', 'serve', '--http', '--port', '0'], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve --http did not start listening')), HANG_MS);
    let seen = '';
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      seen += d;
      const url = /listening on (http:\/\/\S+)/.exec(seen)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, child });
    });
    child.on('close', (code) => (clearTimeout(timer), reject(new Error(`serve --http exited with ${code} before listening`))));
  });
}

let pass = 0;
let fail = 0;

const unit = await run('python3', ['-m', 'unittest', 'discover', '-s', 'clients/python/tests', '-v']);
const ran = Number(/^Ran (\d+) tests?/m.exec(unit.text)?.[1] ?? 0);
const bad = /^FAILED \((.*)\)$/m.exec(unit.text)?.[1] ?? '';
const failed = [...bad.matchAll(/(?:failures|errors)=(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
pass += ran - failed;
fail += unit.code === 0 ? failed : Math.max(1, failed);

try {
  const { url, child } = await startServer();
  // The same episode over plain HTTP and over OpenEnv's WebSocket.
  for (const extra of [[], ['--ws']]) {
    const smoke = await run('python3', ['clients/python/examples/smoke.py', '--url', url, ...extra]);
    if (smoke.code === 0) pass++;
    else fail++;
  }
  // SIGTERM is the graceful shutdown the server promises: it must exit 0.
  const exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  child.kill('SIGTERM');
  if ((await exited) === 0) pass++;
  else {
    fail++;
    console.error('serve --http did not exit 0 on SIGTERM');
  }
} catch (e) {
  console.error(String(e));
  fail++;
}

console.log(`# pass ${pass}\n# fail ${fail}`);
process.exit(fail === 0 && pass > 0 ? 0 : 1);
