# sql-optim-env's HTTP server (`serve --http`: OpenEnv's WS /ws, /health, /reset, /step, /state, and the original
# environment's REST API) as an image for a Hugging Face Docker Space or the OpenEnv hub, listening on port 8000.
#   docker build -t sql-optim-env .
#   docker run --rm -p 8000:8000 sql-optim-env
# The static Space (README front matter `sdk: static`) stays the default deployment; docs/server.md says how to use this.
FROM node:20-slim

WORKDIR /app

# Dependencies first, in their own layer, so editing the sources does not reinstall them. Runtime ones only: tsx is
# among them because the server runs its TypeScript as it is, without a build step. The npm cache is dropped to keep
# the layer small.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# What the server loads at runtime: the bin, the sources, the Node worker entry (workers/env.node-worker.ts, started
# from src/node/spawn.ts), the task files (read from tasks/ by src/node/task-files.ts) and tsconfig.json (tsx transpiles
# with it). DuckDB's wasm files come from node_modules/@duckdb/duckdb-wasm/dist. .dockerignore keeps tests and the
# browser app out.
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY tasks ./tasks
COPY tsconfig.json ./

# Files stay root-owned and read-only to the server; it runs as the image's `node` user, uid 1000, which is the uid
# Hugging Face Spaces run containers as. tsx keeps its transpile cache in /tmp, writable by anyone.
USER node

EXPOSE 8000

# node:20-slim has no curl: Node's own fetch asks /health. The start period covers generating the datasets (seconds
# on a laptop, longer on a small Space) before the server listens; the port is the one CMD gives.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form: node is PID 1 and receives SIGTERM itself (`docker stop`, a Space restarting), then lets running calls
# finish and exits 0. The host and port are flags: the server reads no environment variables for them. 0.0.0.0 so the
# published port reaches it (its default, 127.0.0.1, is unreachable from outside the container).
CMD ["node", "bin/sql-optim-env.mjs", "serve", "--http", "--host", "0.0.0.0", "--port", "8000"]
