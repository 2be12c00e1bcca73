// Starts `serve --http` as a child process on port 0 and reads the port it prints on stderr (shared by the contract
// registration and the conformance tests).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sql-optim-env.mjs', import.meta.url));

export interface HttpChild {
  base: string;
  port: number;
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then resolves with the exit code */
  stop(): Promise<number | null>;
}

export function startHttpChild(extra: string[] = []): Promise<HttpChild> {
  const child = spawn(process.execPath, [BIN, 'serve', '--http', '--port', '0', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(err);
      if (m) {
        const port = Number(m[1]);
        resolve({
          base: `http://127.0.0.1:${port}`,
          port,
          child,
          stderr: () => err,
          stop: () => (child.kill('SIGTERM'), exited),
        });
      }
    });
    void exited.then((code) => reject(new Error(`serve --http exited with ${code} before listening: ${err}`)));
  });
}
