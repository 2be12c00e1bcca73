# A TRL `environment_factory` class: the episode's actions as named tools, the last step's score as its reward.
#
# Follows TRL's documented contract (huggingface/trl docs/source/grpo_trainer.md "Environments", docs/source/openenv.md
# "How environment_factory works"; trl/trainer/grpo_trainer.py): `__init__` takes no argument (the URL comes from the
# SQL_OPTIM_ENV_URL variable); `reset(**kwargs)` receives the dataset row's columns and its returned string is appended
# to the prompt; `get_reward()` is reserved and read once per rollout; every other public method is a tool whose
# Google-style docstring and type hints become the tool schema; an exception a tool raises is shown to the model.
# So helpers here are private (`_…`): a public `close` would become a tool.
from __future__ import annotations

import json
import os
from typing import Any

from .client import EnvError, SqlOptimEnvClient, action_dict

JSON = dict[str, Any]
DEFAULT_URL = "http://127.0.0.1:8000"
SEVERITIES = ("low", "medium", "high", "critical")  # src/env/types.ts SEVERITIES


def _numbered(sql: str) -> str:
    return "\n".join(f"{i:>3} | {line}" for i, line in enumerate(sql.splitlines(), 1))


def _figures(ex: JSON | None) -> JSON:
    """The few execution figures a model needs; plans and previews would flood its context."""
    if not ex:
        return {}
    keys = ("original_ms", "optimized_ms", "speedup", "speedup_ci", "results_match", "holdout_match",
            "original_rows", "optimized_rows", "optimized_error", "timed_out", "noop", "verdict", "why_null")
    return {k: ex[k] for k in keys if k in ex and ex[k] not in (None, {}, "")}


class SqlOptimToolEnv:
    """One rollout = one episode on its own server session (TRL builds one instance per generation)."""

    def __init__(self) -> None:
        self._client = SqlOptimEnvClient(os.environ.get("SQL_OPTIM_ENV_URL", DEFAULT_URL))
        self._task_id = ""
        self._suggestions: list[JSON] = []
        self._reward = 0.0
        self._done = False

    def reset(self, task_id: str = "task_1_basic_antipatterns", seed: int | None = None, **kwargs: Any) -> str:
        """Start the episode named by the dataset row (columns task_id, seed); return the task for the prompt."""
        obs = self._client.reset(task_id, seed).observation
        self._task_id = obs.get("task_id", task_id)
        self._suggestions = []
        self._reward = 0.0
        self._done = False
        return (
            f"Task {obs.get('task_name', '')} ({self._task_id}, {obs.get('difficulty', '')}, "
            f"{obs.get('max_steps')} submissions).\n{obs.get('task_description', '')}\n\n"
            f"Schema:\n{obs.get('schema_info', '')}\n\nOriginal query ({obs.get('dialect', 'duckdb')}):\n"
            f"{_numbered(obs.get('sql_query', ''))}\n\n"
            "Use run_query to time a candidate, report_issue for each anti-pattern you find, then submit_rewrite."
        )

    def get_reward(self) -> float:
        """The score of the last submitted rewrite (0.0 before any)."""
        return self._reward

    def run_query(self, sql: str) -> str:
        """
        Time a candidate rewrite against the original query on the visible data and check that it returns the same rows.
        Spends no submission and earns no reward.

        Args:
            sql: One SELECT (or WITH ... SELECT) statement meant to return exactly the original query's rows.

        Returns:
            JSON with the timings in ms, the speedup, whether the results match, row counts and any error.
        """
        self._require_episode()
        try:
            ex = self._client.execute(self._task_id, sql)
        except EnvError as e:
            raise ValueError(str(e)) from None
        return json.dumps(_figures(ex))

    def report_issue(self, issue_type: str, line: int, severity: str, description: str, fix: str) -> str:
        """
        Record an anti-pattern of the original query; every recorded issue goes with each later submit_rewrite.
        Reporting the same type at the same line again replaces the earlier report.

        Args:
            issue_type: Canonical issue type, e.g. select_star, non_sargable_predicate, correlated_subquery.
            line: Line number of the original query where the issue is (1-based).
            severity: One of low, medium, high, critical.
            description: What is wrong and why it is slow.
            fix: How the rewrite fixes it.

        Returns:
            A confirmation with the number of issues recorded so far.
        """
        self._require_episode()
        sev = str(severity).strip().lower()
        if sev not in SEVERITIES:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)} (got {severity!r})")
        try:
            line_no = int(line)
        except (TypeError, ValueError):
            raise ValueError(f"line must be an integer (got {line!r})") from None
        item = {"issue_type": issue_type.strip(), "line": line_no, "severity": sev, "description": description, "fix": fix}
        self._suggestions = [s for s in self._suggestions if (s["issue_type"], s["line"]) != (item["issue_type"], line_no)]
        self._suggestions.append(item)
        return f"Recorded {item['issue_type']} at line {line_no}; {len(self._suggestions)} issue(s) so far."

    def submit_rewrite(self, optimized_query: str, summary: str, estimated_improvement: str, approved: bool) -> str:
        """
        Submit the rewrite with every issue reported so far. Spends one of the episode's submissions and is scored:
        speed on hidden data, identical results, issues found, the approval and the summary.

        Args:
            optimized_query: The rewrite: one SELECT (or WITH ... SELECT) statement returning the original's rows.
            summary: What was changed and why, naming the issue types fixed.
            estimated_improvement: The expected speedup, e.g. "3x".
            approved: True only if the original query is already fine as it is.

        Returns:
            JSON with the reward, its feedback, the execution figures and whether the episode is over.
        """
        self._require_episode()
        if self._done:
            raise ValueError("The episode is over: no submission is left.")
        action = action_dict(optimized_query, self._suggestions, summary, estimated_improvement, bool(approved))
        try:
            out = self._client.step(action)
        except EnvError as e:
            raise ValueError(str(e)) from None
        self._reward = out.reward if out.reward is not None else 0.0
        self._done = out.done
        obs = out.observation
        feedback = (out.reward_detail or {}).get("feedback")
        return json.dumps({
            "reward": self._reward,
            "feedback": feedback,
            "execution": _figures(obs.get("last_execution")),
            "step": obs.get("step_count"),
            "max_steps": obs.get("max_steps"),
            "done": out.done,
        })

    def _require_episode(self) -> None:
        if not self._task_id:
            raise ValueError("No episode: reset was not called.")
