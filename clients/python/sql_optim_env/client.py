# Clients of `npx sql-optim-env serve --http`: HTTP (urllib) with a per-client X-Session-Id, and OpenEnv's WebSocket /ws.
#
# Protocol sources (read at meta-pytorch/OpenEnv@685de41 and the project's own docs):
# - OpenEnv src/openenv/core/env_server/types.py: WS messages {"type": "reset"|"step"|"state"|"close", "data": {...}};
#   replies {"type": "observation", "data": {"observation", "reward", "done"}}, {"type": "state", "data": {...}},
#   {"type": "error", "data": {"message", "code"}}; HTTP ResetRequest (seed, episode_id, extra fields allowed),
#   StepRequest {"action": {...}, "timeout_s", "request_id"}, Reset/StepResponse {"observation", "reward", "done"}.
# - OpenEnv src/openenv/core/env_server/http_server.py: POST /reset, POST /step, GET /state, /health
#   ({"status": "healthy"}), /metadata, /schema ({"action", "observation", "state"}), WS /ws (one session per connection).
# - OpenEnv src/openenv/core/env_client.py: the client sends {"type": "close"} before closing the socket.
# - /work/shared/original-env.md: the original REST API (GET /, /tasks, /leaderboard, POST /grader, /execute) and
#   its error body {"detail": ...}; design.md §5: our error value {"ok": false, "error": {"code", "message"}}.
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .websocket import ConnectionClosed, WebSocket, WebSocketError

JSON = dict[str, Any]
# Design §6: an episode ends as solved (terminated) once a step scores at least this.
DONE_THRESHOLD = 0.95
# A step times the rewrite many times (README: within a minute); reads are quick. Both are overridable.
DEFAULT_TIMEOUT = 120.0


class EnvError(Exception):
    """The server answered an error: `code` is its stable code (e.g. UNKNOWN_TASK), `status` the HTTP status if any."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}" if not message.startswith(f"{code}:") else message)
        self.code = code
        self.message = message
        self.status = status


class TransportError(EnvError):
    """No usable answer: connection refused, timeout (code TIMEOUT), broken WebSocket or a body that is not JSON."""


@dataclass
class StepOutcome:
    """One reply to reset or step, whichever wire shape the server used (OpenEnv's or the environment's StepResult)."""

    observation: JSON
    reward: float | None
    done: bool
    terminated: bool
    truncated: bool
    info: JSON = field(default_factory=dict)
    reward_detail: JSON | None = None  # {score, breakdown, feedback} when the server sends the whole Reward
    raw: JSON = field(default_factory=dict)


def parse_outcome(data: JSON) -> StepOutcome:
    """Read {observation, reward, done[, terminated, truncated, info]}, or a bare Observation (the original's reset)."""
    obs = data["observation"] if isinstance(data.get("observation"), dict) else data
    reward_raw = data.get("reward") if obs is not data else None
    detail = reward_raw if isinstance(reward_raw, dict) else None
    reward = detail.get("score") if detail is not None else reward_raw
    reward = float(reward) if isinstance(reward, (int, float)) and not isinstance(reward, bool) else None
    done = bool(data.get("done", False)) if obs is not data else False
    terminated = data.get("terminated")
    truncated = data.get("truncated")
    if not isinstance(terminated, bool) or not isinstance(truncated, bool):
        # OpenEnv's StepResponse has only `done`: recover Gymnasium's pair from the episode rule (design §6).
        terminated = done and reward is not None and reward >= DONE_THRESHOLD
        truncated = done and not terminated
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    return StepOutcome(obs, reward, done, terminated, truncated, info, detail, data)


def error_from_body(body: Any, status: int | None) -> EnvError:
    """One exception from any error body: ours, the original's FastAPI {"detail"}, or OpenEnv's WS error data."""
    if isinstance(body, dict):
        err = body.get("error") if isinstance(body.get("error"), dict) else body
        if isinstance(err.get("code"), str) and isinstance(err.get("message"), str):
            return EnvError(err["code"], err["message"], status)
        if "detail" in body:
            detail = body["detail"]
            return EnvError(f"HTTP_{status}", detail if isinstance(detail, str) else json.dumps(detail), status)
    return EnvError(f"HTTP_{status}", json.dumps(body) if body is not None else "no body", status)


def unwrap(body: Any) -> Any:
    """Strip our {"ok", "result"} envelope when the server uses it; raise its error value."""
    if isinstance(body, dict) and body.get("ok") is False:
        raise error_from_body(body, None)
    if isinstance(body, dict) and body.get("ok") is True and "result" in body:
        return body["result"]
    return body


def action_dict(
    optimized_query: str,
    suggestions: list[JSON] | None = None,
    summary: str = "",
    estimated_improvement: str = "",
    approved: bool = False,
) -> JSON:
    """An Action (src/env/types.ts) with every field present, as the original's API required."""
    return {
        "suggestions": list(suggestions or []),
        "optimized_query": optimized_query,
        "summary": summary,
        "estimated_improvement": estimated_improvement,
        "approved": approved,
    }


class SqlOptimEnvClient:
    """HTTP client. Each instance is one session: the server keys its episode on the X-Session-Id header."""

    def __init__(self, base_url: str = "http://127.0.0.1:8000", session_id: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self.session_id = session_id or uuid.uuid4().hex
        self.timeout = timeout

    def _request(self, method: str, path: str, body: Any = None, timeout: float | None = None) -> Any:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        req.add_header("X-Session-Id", self.session_id)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout or self.timeout) as resp:
                text = resp.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            raw = e.read().decode("utf-8", errors="replace")
            try:
                parsed: Any = json.loads(raw)
            except ValueError:
                parsed = {"detail": raw or e.reason}
            raise error_from_body(parsed, e.code) from None
        except TimeoutError as e:
            raise TransportError("TIMEOUT", f"{method} {path}: no answer within {timeout or self.timeout} s") from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise TransportError("TIMEOUT", f"{method} {path}: no answer within {timeout or self.timeout} s") from e
            raise TransportError("CONNECTION", f"{method} {self.base_url}{path}: {e.reason}") from e
        except OSError as e:  # reset or dropped mid-answer
            raise TransportError("CONNECTION", f"{method} {self.base_url}{path}: {e}") from e
        try:
            return unwrap(json.loads(text))
        except ValueError as e:
            raise TransportError("BAD_RESPONSE", f"{method} {path}: not JSON: {text[:200]!r}") from e

    # OpenEnv's endpoints
    def health(self) -> JSON:
        """GET /health: {"status": "healthy"} when the server is up."""
        return self._request("GET", "/health", timeout=10)

    def metadata(self) -> JSON:
        """GET /metadata: name, description, version."""
        return self._request("GET", "/metadata")

    def schema(self) -> JSON:
        """GET /schema: JSON Schemas of action, observation and state."""
        return self._request("GET", "/schema")

    def reset(self, task_id: str = "task_1_basic_antipatterns", seed: int | None = None, **extra: Any) -> StepOutcome:
        """POST /reset: start this session's episode (extra fields: `reward`, `deadlines`, as `reset` accepts)."""
        body: JSON = {"task_id": task_id, **extra}
        if seed is not None:
            body["seed"] = seed
        return parse_outcome(self._request("POST", "/reset", body))

    def step(self, action: JSON) -> StepOutcome:
        """POST /step with OpenEnv's StepRequest {"action": {...}}: spend one step."""
        return parse_outcome(self._request("POST", "/step", {"action": action}))

    def state(self) -> JSON:
        """GET /state: this session's episode so far."""
        return self._request("GET", "/state")

    # The original environment's REST endpoints
    def info(self) -> JSON:
        """GET /: status, version and task ids."""
        return self._request("GET", "/")

    def tasks(self) -> list[JSON]:
        """GET /tasks as a list (the original wraps it in {"tasks": [...]})."""
        body = self._request("GET", "/tasks")
        return body["tasks"] if isinstance(body, dict) and "tasks" in body else body

    def grade(self, action: JSON) -> Any:
        """POST /grader: judge an action on the visible data without spending a step (body: the Action itself)."""
        return self._request("POST", "/grader", action)

    def execute(self, task_id: str, optimized_query: str) -> JSON:
        """POST /execute: time and check a rewrite against the task's original; no reward, no step."""
        return self._request("POST", "/execute", {"task_id": task_id, "optimized_query": optimized_query})

    def leaderboard(self) -> Any:
        """GET /leaderboard: best score and speedup per task."""
        return self._request("GET", "/leaderboard")

    # Ours (POST /api/<op>)
    def hint(self) -> JSON:
        """POST /api/hint: open the next hint; {hints, hints_used, hints_total, hint_cost}. Every later step pays hint_cost per open hint."""
        return self._request("POST", "/api/hint", {})

    def solution(self) -> JSON:
        """POST /api/solution: end the episode and get {reference_query, ground_truth, explanation, plans}; the same again later."""
        return self._request("POST", "/api/solution", {})


def ws_url(base_url: str) -> str:
    """http(s)://host → ws(s)://host/ws, as OpenEnv's convert_to_ws_url (src/openenv/core/utils.py) + "/ws"."""
    parts = urlsplit(base_url.rstrip("/"))
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, parts.path + "/ws", "", ""))


class SqlOptimEnvWsClient:
    """OpenEnv's WebSocket protocol: one connection is one session. Use as a context manager or call close()."""

    def __init__(self, base_url: str = "http://127.0.0.1:8000", timeout: float = DEFAULT_TIMEOUT) -> None:
        try:
            self._ws = WebSocket(ws_url(base_url), timeout=timeout)
        except (WebSocketError, TimeoutError) as e:
            raise TransportError("CONNECTION", str(e)) from e

    def __enter__(self) -> SqlOptimEnvWsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, message: JSON, expect: str) -> JSON:
        try:
            self._ws.send_text(json.dumps(message))
            reply = json.loads(self._ws.recv_text())
        except TimeoutError as e:
            raise TransportError("TIMEOUT", f"{message['type']}: no reply within the timeout") from e
        except ConnectionClosed as e:
            raise TransportError("CLOSED", f"{message['type']}: {e}") from e
        except (WebSocketError, OSError, ValueError) as e:
            raise TransportError("CONNECTION", f"{message['type']}: {e}") from e
        data = reply.get("data") if isinstance(reply.get("data"), dict) else {}
        if reply.get("type") == "error":
            raise error_from_body(data, None)
        if reply.get("type") != expect:
            raise TransportError("BAD_RESPONSE", f"expected a {expect!r} reply, got {reply.get('type')!r}")
        return data

    def reset(self, task_id: str = "task_1_basic_antipatterns", seed: int | None = None, **extra: Any) -> StepOutcome:
        """{"type": "reset", "data": {task_id, seed, ...}} → an observation reply."""
        data: JSON = {"task_id": task_id, **extra}
        if seed is not None:
            data["seed"] = seed
        return parse_outcome(self._call({"type": "reset", "data": data}, "observation"))

    def step(self, action: JSON) -> StepOutcome:
        """{"type": "step", "data": <the action itself>} → an observation reply."""
        return parse_outcome(self._call({"type": "step", "data": action}, "observation"))

    def state(self) -> JSON:
        """{"type": "state"} → a state reply."""
        return self._call({"type": "state"}, "state")

    def close(self) -> None:
        """Say {"type": "close"} (the server ends the session), then close the socket."""
        if self._ws.closed:
            return
        try:
            self._ws.send_text(json.dumps({"type": "close"}))
        except OSError:
            pass
        self._ws.close()
