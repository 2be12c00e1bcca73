# A tiny stand-in for `serve --http`, in the standard library, following the documented protocols (OpenEnv's /ws and
# HTTP endpoints, the original REST API, X-Session-Id sessions). The real server was not available when these tests
# were written; this fake judges nothing: a rewrite scores 0.5, or 0.97 (solved) when it contains "customer_id = ".
from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sql_optim_env import websocket as wsf  # noqa: E402

TASK = {"id": "task_1_basic_antipatterns", "name": "Orders of one customer in a year", "difficulty": "easy", "max_steps": 3,
        "description": "Every order of customer 5000 in 2024."}
HINTS = ["Look at the WHERE clause.", "A cast hides the column.", "Compare integers and use a DATE range."]
SQL = "SELECT *\nFROM orders\nWHERE CAST(customer_id AS VARCHAR) = '5000'\n  AND year(created_at) = 2024;"


def execution(query: str) -> dict[str, Any]:
    return {"original_ms": 20.0, "optimized_ms": 5.0, "speedup": 4.0, "speedup_ci": [3.5, 4.5], "results_match": True,
            "original_rows": 12, "optimized_rows": 12, "optimized_error": None, "timed_out": False, "verdict": "faster",
            "why_null": {}, "plans": {"original": None, "optimized": None}}


class Episode:
    def __init__(self) -> None:
        self.task_id: str | None = None
        self.step_count = 0
        self.done = False
        self.actions: list[dict[str, Any]] = []
        self.hints_used = 0
        self.solution_shown: dict[str, Any] | None = None

    def observation(self, last: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"task_id": self.task_id, "task_name": TASK["name"], "task_description": TASK["description"], "sql_query": SQL,
                "schema_info": "orders(id, customer_id, product_id, status, total, created_at)", "dialect": "duckdb",
                "difficulty": "easy", "step_count": self.step_count, "max_steps": 3, "issues_found_so_far": [],
                "last_execution": last, "seed": None, "hints": []}

    def reset(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("task_id") != TASK["id"]:
            raise KeyError(f"UNKNOWN_TASK: no task {data.get('task_id')!r}")
        self.__init__()
        self.task_id = TASK["id"]
        return {"observation": self.observation(), "reward": None, "done": False}

    def step(self, action: dict[str, Any]) -> dict[str, Any]:
        if self.task_id is None:
            raise KeyError("RESET_NEEDED: call reset first")
        if self.done:
            raise KeyError("EPISODE_DONE: the episode is over; call reset() to start another")
        if not isinstance(action.get("optimized_query"), str):
            raise KeyError("INVALID_ACTION: action.optimized_query must be a string")
        self.actions.append(action)
        self.step_count += 1
        score = 0.97 if "customer_id = " in action["optimized_query"] else 0.5
        terminated = score >= 0.95
        truncated = not terminated and self.step_count >= 3
        self.done = terminated or truncated
        return {"observation": self.observation(execution(action["optimized_query"])),
                "reward": {"score": score, "breakdown": {}, "feedback": ["ok"]}, "done": self.done,
                "terminated": terminated, "truncated": truncated, "info": {"step": self.step_count}}

    def hint(self) -> dict[str, Any]:
        if self.task_id is None:
            raise KeyError("RESET_NEEDED: call reset first")
        if self.done:
            raise KeyError("EPISODE_DONE: the episode is over; call reset() to start another")
        if self.hints_used >= len(HINTS):
            raise KeyError("INVALID_REQUEST: every hint is already open")
        self.hints_used += 1
        return {"hints": HINTS[: self.hints_used], "hints_used": self.hints_used, "hints_total": len(HINTS), "hint_cost": 0.01}

    def solution(self) -> dict[str, Any]:
        if self.task_id is None:
            raise KeyError("RESET_NEEDED: call reset first")
        self.done = True
        self.solution_shown = self.solution_shown or {
            "reference_query": "SELECT id FROM orders WHERE customer_id = 5000", "ground_truth": [],
            "explanation": "A cast hides the column from its statistics. An integer compare does not.",
            "plans": {"original": None, "reference": None}}
        return self.solution_shown

    def state(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "step_count": self.step_count, "max_steps": 3, "episode_done": self.done,
                "actions": self.actions}


def error_value(e: KeyError) -> dict[str, str]:
    msg = e.args[0]
    return {"code": msg.split(":")[0], "message": msg}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "StandIn"

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _episode(self) -> Episode:
        sid = self.headers.get("X-Session-Id", "default")
        self.server.session_ids.append(sid)
        return self.server.sessions.setdefault(sid, Episode())

    def do_GET(self) -> None:
        if self.path == "/ws":
            return self._websocket()
        routes = {"/health": lambda: {"status": "healthy"}, "/tasks": lambda: {"tasks": [{"task_id": TASK["id"], **TASK}]},
                  "/state": lambda: self._episode().state(), "/leaderboard": lambda: {"leaderboard": {}},
                  "/schema": lambda: {"action": {}, "observation": {}, "state": {}}, "/slow": self._slow}
        if self.path not in routes:
            return self._send(404, {"detail": "Not Found"})
        self._send(200, routes[self.path]())

    def _slow(self) -> dict[str, Any]:
        self.server.release.wait(5)
        return {}

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        try:
            if self.path == "/reset":
                return self._send(200, self._episode().reset(body))
            if self.path == "/step":
                return self._send(200, self._episode().step(body["action"]))  # OpenEnv's StepRequest
            if self.path in ("/api/hint", "/api/solution"):  # ours: {ok, result}
                episode = self._episode()
                return self._send(200, {"ok": True, "result": episode.hint() if self.path == "/api/hint" else episode.solution()})
            if self.path == "/execute":
                if "syntax error" in body.get("optimized_query", ""):
                    raise KeyError("SQL_ERROR: Parser Error: syntax error")
                return self._send(200, execution(body["optimized_query"]))
        except KeyError as e:
            return self._send(400, {"ok": False, "error": error_value(e)})
        self._send(404, {"detail": "Not Found"})

    def _websocket(self) -> None:
        key = self.headers["Sec-WebSocket-Key"]
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", wsf.accept_key(key))
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        episode = Episode()  # OpenEnv: one session per connection

        def exact(n: int) -> bytes:
            data = self.rfile.read(n)
            if len(data) != n:
                raise EOFError
            return data

        def send(obj: dict[str, Any], fragmented: bool = False) -> None:
            raw = json.dumps(obj).encode()
            if fragmented:  # exercise the client's reassembly, with a ping between the fragments
                half = len(raw) // 2
                self.wfile.write(wsf.encode_frame(wsf.OP_TEXT, raw[:half], fin=False))
                self.wfile.write(wsf.encode_frame(wsf.OP_PING, b"hb"))
                self.wfile.write(wsf.encode_frame(wsf.OP_CONT, raw[half:]))
            else:
                self.wfile.write(wsf.encode_frame(wsf.OP_TEXT, raw))

        while True:
            try:
                frame = wsf.read_frame(exact)
            except EOFError:
                return
            self.server.ws_frames.append(frame)
            if frame.opcode == wsf.OP_PONG:
                continue
            if frame.opcode == wsf.OP_CLOSE:
                self.wfile.write(wsf.encode_frame(wsf.OP_CLOSE, frame.payload))
                return
            msg = json.loads(frame.payload)
            try:
                if msg["type"] == "reset":
                    send({"type": "observation", "data": episode.reset(msg.get("data", {}))})
                elif msg["type"] == "step":
                    send({"type": "observation", "data": episode.step(msg["data"])}, fragmented=True)
                elif msg["type"] == "state":
                    send({"type": "state", "data": episode.state()})
                elif msg["type"] == "close":
                    self.server.ws_closed_by_message = True
                else:
                    send({"type": "error", "data": {"message": f"Unknown message type: {msg['type']}", "code": "UNKNOWN_TYPE"}})
            except KeyError as e:
                send({"type": "error", "data": error_value(e)})


class StandIn(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.sessions: dict[str, Episode] = {}
        self.session_ids: list[str] = []
        self.ws_frames: list[wsf.Frame] = []
        self.ws_closed_by_message = False
        self.release = threading.Event()
        threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True).start()  # quick shutdown

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (the timeout test) breaks the pipe; that is expected here

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()
