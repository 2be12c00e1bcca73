# A Gymnasium-style wrapper over the HTTP client, without importing gymnasium: the same method signatures and tuples.
#
# Follows gymnasium/core.py (Farama-Foundation/Gymnasium, `Env`): reset(*, seed=None, options=None) -> (obs, info);
# step(action) -> (obs, reward, terminated, truncated, info); close(). Observations and actions are the wire dicts
# (src/env/types.ts), so there are no observation_space/action_space objects: a text action has no Box or Discrete.
from __future__ import annotations

from typing import Any

from .client import DEFAULT_TIMEOUT, SqlOptimEnvClient, StepOutcome

JSON = dict[str, Any]


class SqlOptimGymEnv:
    """One episode at a time on one server session; `options` may choose the task, reward weights and deadlines."""

    metadata: JSON = {"render_modes": ["ansi"]}

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        task_id: str = "task_1_basic_antipatterns",
        *,
        session_id: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        render_mode: str | None = None,
    ) -> None:
        self.client = SqlOptimEnvClient(base_url, session_id=session_id, timeout=timeout)
        self.task_id = task_id
        self.render_mode = render_mode
        self._last: StepOutcome | None = None

    def reset(self, *, seed: int | None = None, options: JSON | None = None) -> tuple[JSON, JSON]:
        """Start an episode. `seed` picks the task variant (None: the canonical one); options: task_id, reward, deadlines."""
        opts = dict(options or {})
        task_id = opts.pop("task_id", self.task_id)
        self._last = self.client.reset(task_id, seed, **opts)
        return self._last.observation, {"task_id": task_id, "seed": seed}

    def step(self, action: JSON) -> tuple[JSON, float, bool, bool, JSON]:
        """Submit an Action dict; info carries the server's info plus the reward breakdown and feedback."""
        out = self.client.step(action)
        self._last = out
        info = dict(out.info)
        if out.reward_detail is not None:
            info["reward_detail"] = out.reward_detail
        # Gymnasium's step always returns a float reward; a server that sends none paid nothing.
        return out.observation, out.reward if out.reward is not None else 0.0, out.terminated, out.truncated, info

    def render(self) -> str | None:
        """'ansi': a one-line summary of the last transition."""
        if self.render_mode != "ansi" or self._last is None:
            return None
        obs = self._last.observation
        return f"{obs.get('task_id')} step {obs.get('step_count')}/{obs.get('max_steps')} reward={self._last.reward}"

    def close(self) -> None:
        """Nothing to release: the HTTP client holds no connection between calls."""
