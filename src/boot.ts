// Page entry: starts DuckDB's wasm download and compile and the environment worker at once, then loads the app (main.ts),
// whose code is much larger and would otherwise hold both back.
import { startEarly } from './client/browser-worker.ts';

startEarly();
void import('./main.ts');
