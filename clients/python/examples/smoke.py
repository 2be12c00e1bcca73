#!/usr/bin/env python3
# Plays one short episode of task_1 (a step, a hint, the solution) against a running `npx sql-optim-env serve --http`
# with the stdlib client; exits non-zero on any failure (CI runs it against the real server).
# Usage: python3 smoke.py [--url URL] [--ws]
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sql_optim_env import EnvError, SqlOptimEnvClient, SqlOptimEnvWsClient, action_dict  # noqa: E402

TASK = "task_1_basic_antipatterns"


def rewrite_of(original: str) -> str:
    """task_1's sargable rewrite, with the customer and year read from the variant's own query."""
    customer = re.search(r"=\s*'(\d+)'", original)
    year = re.search(r"year\(created_at\)\s*=\s*(\d{4})", original)
    if not customer or not year:
        raise SystemExit(f"smoke: task_1's query is not the expected shape:\n{original}")
    y = int(year.group(1))
    return (
        "SELECT id, customer_id, product_id, status, total, created_at\nFROM orders\n"
        f"WHERE customer_id = {customer.group(1)}\n"
        f"  AND created_at >= DATE '{y}-01-01' AND created_at < DATE '{y + 1}-01-01'"
    )


def check(cond: bool, what: str) -> None:
    if not cond:
        raise SystemExit(f"smoke: FAILED: {what}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="One short episode of task_1 against serve --http.")
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--ws", action="store_true", help="also play reset/step/state over OpenEnv's WebSocket /ws")
    args = ap.parse_args(argv)
    c = SqlOptimEnvClient(args.url, timeout=args.timeout)
    try:
        print(f"health: {c.health()}")
        ids = [t.get("task_id") or t.get("id") for t in c.tasks()]
        print(f"tasks: {len(ids)}")
        check(TASK in ids, f"{TASK} is in the task list")
        obs = c.reset(TASK).observation
        check(obs.get("task_id") == TASK and obs.get("step_count") == 0, "reset returns task_1's observation at step 0")
        print(f"reset: {obs['task_id']} max_steps={obs.get('max_steps')}")
        sql = rewrite_of(obs["sql_query"])
        ex = c.execute(TASK, sql)
        print(f"execute: speedup={ex.get('speedup')} results_match={ex.get('results_match')} error={ex.get('optimized_error')}")
        check(ex.get("results_match") is True, "the rewrite returns the original's rows on the visible data")
        h = c.hint()
        print(f"hint: {h.get('hints_used')} of {h.get('hints_total')} open, {h.get('hint_cost')} each")
        check(h.get("hints_used") == 1 and len(h.get("hints", [])) == 1, "the first hint opens")
        suggestion = {"issue_type": "non_sargable_predicate", "line": 3, "severity": "high",
                      "description": "a cast on customer_id and year() on created_at hide both columns from pruning",
                      "fix": "compare the integer directly and use a half-open DATE range"}
        out = c.step(action_dict(sql, [suggestion], "Fixed the non-sargable predicates.", "2x"))
        print(f"step: reward={out.reward} done={out.done} terminated={out.terminated} truncated={out.truncated}")
        check(out.reward is not None and 0.0 <= out.reward <= 1.0, "the step pays a reward in [0, 1]")
        check(out.observation.get("step_count") == 1, "the step was spent")
        st = c.state()
        print(f"state: task_id={st.get('task_id')} step_count={st.get('step_count')}")
        check(st.get("step_count") == 1 and st.get("task_id") == TASK, "state shows this session's episode")
        sol = c.solution()
        print(f"solution: {len(sol.get('ground_truth', []))} issues, plans: {sorted(k for k, v in sol.get('plans', {}).items() if v)}")
        check(bool(sol.get("reference_query")) and bool(sol.get("explanation")), "the solution shows the reference and why it works")
        check(c.state().get("episode_done") is True, "showing the solution ends the episode")
        try:
            c.step(action_dict(sql))
            check(False, "a step after the solution is refused")
        except EnvError as e:  # OpenEnv's /step answers {"detail": "EPISODE_DONE: …"}
            check("EPISODE_DONE" in f"{e.code} {e.message}", f"a step after the solution is refused as EPISODE_DONE (got {e})")
        if args.ws:
            with SqlOptimEnvWsClient(args.url, timeout=args.timeout) as w:
                check(w.reset(TASK).observation.get("step_count") == 0, "ws reset")
                r = w.step(action_dict(sql, [suggestion], "Fixed the non-sargable predicates.", "2x"))
                print(f"ws step: reward={r.reward} done={r.done}")
                check(w.state().get("step_count") == 1, "ws state after one step")
    except EnvError as e:
        print(f"smoke: FAILED: {e}", file=sys.stderr)
        return 1
    print("smoke: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
