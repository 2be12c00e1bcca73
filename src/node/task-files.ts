// Reads the tasks/ folder into the 'tasks/<id>/<file>' → text map the core takes (the browser gets it from import.meta.glob).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's own tasks folder. */
export const TASKS_DIR = fileURLToPath(new URL('../../tasks', import.meta.url));

export function readTaskFiles(dir = TASKS_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  for (const id of readdirSync(dir)) {
    const folder = join(dir, id);
    if (!statSync(folder).isDirectory()) continue;
    for (const f of readdirSync(folder)) files[`tasks/${id}/${f}`] = readFileSync(join(folder, f), 'utf8');
  }
  return files;
}
