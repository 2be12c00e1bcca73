#!/usr/bin/env python3
# Example: GRPO on sql-optim-env with TRL's environment_factory. NOT RUN HERE: it needs `pip install trl datasets`
# (TRL's environment_factory needs transformers>=5.2.0), a GPU, and a running `npx sql-optim-env serve --http`.
#
# Written against TRL's documented API (huggingface/trl docs/source/grpo_trainer.md "Environments" and "Providing an
# external dataset"): each dataset row's "prompt" is the user message; its other columns (task_id, seed) reach
# SqlOptimToolEnv.reset(), whose returned text (task, schema, numbered query) is appended to that message; the
# environment's get_reward() is the reward source (summed with any reward_funcs).
#
#   npx sql-optim-env serve --http --port 8000 &
#   SQL_OPTIM_ENV_URL=http://127.0.0.1:8000 python3 grpo_train.py --model Qwen/Qwen3-0.6B
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sql_optim_env import SqlOptimEnvClient, SqlOptimToolEnv  # noqa: E402

INSTRUCTION = (
    "You are a database engineer. Make the query below faster in DuckDB while returning exactly the same rows. "
    "Time candidates with run_query, report each anti-pattern with report_issue, then call submit_rewrite."
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="Qwen/Qwen3-0.6B")
    ap.add_argument("--url", default=os.environ.get("SQL_OPTIM_ENV_URL", "http://127.0.0.1:8000"))
    ap.add_argument("--seeds", type=int, default=4, help="task variants per task (seed 0..n-1)")
    ap.add_argument("--max-steps", type=int, default=200)
    args = ap.parse_args()
    os.environ["SQL_OPTIM_ENV_URL"] = args.url  # SqlOptimToolEnv() takes no argument (TRL's rule): it reads this

    from datasets import Dataset  # imported here so --help works without them
    from trl import GRPOConfig, GRPOTrainer

    tasks = SqlOptimEnvClient(args.url).tasks()
    rows = [(t.get("task_id") or t.get("id"), seed) for t in tasks for seed in range(args.seeds)]
    dataset = Dataset.from_dict({
        "prompt": [[{"role": "user", "content": INSTRUCTION}] for _ in rows],
        "task_id": [task_id for task_id, _ in rows],
        "seed": [seed for _, seed in rows],
    })
    trainer = GRPOTrainer(
        model=args.model,
        train_dataset=dataset,
        environment_factory=SqlOptimToolEnv,
        args=GRPOConfig(
            max_steps=args.max_steps,
            num_generations=4,
            max_completion_length=4096,  # the whole multi-turn conversation, tool results included (TRL openenv.md)
            chat_template_kwargs={"enable_thinking": False},
            log_completions=True,
            output_dir="grpo-sql-optim-env",
        ),
    )
    trainer.train()


if __name__ == "__main__":
    main()
