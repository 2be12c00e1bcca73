# The HTTP and WebSocket clients, the TRL class and the Gym wrapper against the local stand-in server (tests/standin.py;
# the real `serve --http` was not available when they were written), plus the wire-shape parsers on their own.
import json
import sys
import unittest
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sql_optim_env import (  # noqa: E402
    EnvError,
    SqlOptimEnvClient,
    SqlOptimEnvWsClient,
    SqlOptimGymEnv,
    SqlOptimToolEnv,
    TransportError,
    action_dict,
    parse_outcome,
)
from sql_optim_env import websocket as wsf  # noqa: E402
import standin  # noqa: E402
from standin import StandIn  # noqa: E402

TASK = "task_1_basic_antipatterns"
GOOD = "SELECT * FROM orders WHERE customer_id = 5000"


class ParseTest(unittest.TestCase):
    def test_openenv_step_response_derives_terminated_and_truncated(self) -> None:
        out = parse_outcome({"observation": {"step_count": 3}, "reward": 0.4, "done": True})
        self.assertEqual((out.reward, out.done, out.terminated, out.truncated), (0.4, True, False, True))
        solved = parse_outcome({"observation": {}, "reward": 0.96, "done": True})
        self.assertEqual((solved.terminated, solved.truncated), (True, False))

    def test_step_result_with_reward_object(self) -> None:
        out = parse_outcome({"observation": {"a": 1}, "reward": {"score": 0.7, "feedback": ["x"]}, "done": False,
                             "terminated": False, "truncated": False, "info": {"step": 1}})
        self.assertEqual((out.observation, out.reward, out.reward_detail["feedback"], out.info), ({"a": 1}, 0.7, ["x"], {"step": 1}))

    def test_bare_observation_is_a_reset(self) -> None:
        out = parse_outcome({"task_id": TASK, "step_count": 0})
        self.assertEqual((out.observation["task_id"], out.reward, out.done), (TASK, None, False))


class HttpClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = StandIn()
        self.addCleanup(self.server.stop)

    def test_episode_over_http(self) -> None:
        c = SqlOptimEnvClient(self.server.url, session_id="s1")
        self.assertEqual(c.health(), {"status": "healthy"})
        self.assertEqual([t["task_id"] for t in c.tasks()], [TASK])
        self.assertEqual(c.reset(TASK).observation["step_count"], 0)
        self.assertEqual(c.execute(TASK, GOOD)["speedup"], 4.0)
        out = c.step(action_dict("SELECT 1"))
        self.assertEqual((out.reward, out.done, out.terminated, out.truncated), (0.5, False, False, False))
        out = c.step(action_dict(GOOD))
        self.assertEqual((out.reward, out.done, out.terminated), (0.97, True, True))
        self.assertEqual(c.state()["step_count"], 2)
        self.assertEqual(set(self.server.session_ids), {"s1"})

    def test_sessions_are_separate(self) -> None:
        a, b = SqlOptimEnvClient(self.server.url), SqlOptimEnvClient(self.server.url)
        self.assertNotEqual(a.session_id, b.session_id)
        a.reset(TASK)
        a.step(action_dict("SELECT 1"))
        b.reset(TASK)
        self.assertEqual((a.state()["step_count"], b.state()["step_count"]), (1, 0))

    def test_server_errors_carry_code_message_and_status(self) -> None:
        c = SqlOptimEnvClient(self.server.url)
        with self.assertRaises(EnvError) as cm:
            c.reset("task_99")
        self.assertEqual((cm.exception.code, cm.exception.status), ("UNKNOWN_TASK", 400))
        self.assertEqual(str(cm.exception), "UNKNOWN_TASK: no task 'task_99'")
        with self.assertRaises(EnvError) as cm:
            c.step(action_dict("SELECT 1"))
        self.assertEqual(cm.exception.code, "RESET_NEEDED")
        with self.assertRaises(EnvError) as cm:
            c._request("GET", "/nowhere")
        self.assertEqual((cm.exception.code, cm.exception.message), ("HTTP_404", "Not Found"))

    def test_timeout_and_refused_connection(self) -> None:
        with self.assertRaises(TransportError) as cm:
            SqlOptimEnvClient(self.server.url, timeout=0.3)._request("GET", "/slow")
        self.assertEqual(cm.exception.code, "TIMEOUT")
        with self.assertRaises(TransportError) as cm:
            SqlOptimEnvClient("http://127.0.0.1:9").health()  # discard port: nothing listens
        self.assertEqual(cm.exception.code, "CONNECTION")


class WsClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = StandIn()
        self.addCleanup(self.server.stop)

    def test_episode_over_ws_with_fragments_ping_and_close(self) -> None:
        with SqlOptimEnvWsClient(self.server.url, timeout=5) as c:
            self.assertEqual(c.reset(TASK).observation["task_id"], TASK)
            out = c.step(action_dict(GOOD))  # its reply comes in two fragments with a ping between them
            self.assertEqual((out.reward, out.terminated), (0.97, True))
            self.assertEqual(c.state()["step_count"], 1)
        frames = self.server.ws_frames
        self.assertIn(wsf.Frame(True, wsf.OP_PONG, b"hb"), frames)  # the ping was answered with its payload
        self.assertEqual(json.loads(frames[-2].payload), {"type": "close"})
        self.assertEqual(frames[-1].opcode, wsf.OP_CLOSE)
        self.assertEqual(wsf.parse_close(frames[-1].payload), (1000, ""))
        self.assertTrue(self.server.ws_closed_by_message)

    def test_error_reply_raises_with_code(self) -> None:
        with SqlOptimEnvWsClient(self.server.url, timeout=5) as c:
            with self.assertRaises(EnvError) as cm:
                c.step(action_dict("SELECT 1"))
            self.assertEqual((cm.exception.code, cm.exception.message), ("RESET_NEEDED", "RESET_NEEDED: call reset first"))
            with self.assertRaises(EnvError) as cm:
                c._call({"type": "dance"}, "observation")
            self.assertEqual(cm.exception.code, "UNKNOWN_TYPE")

    def test_handshake_refused(self) -> None:
        with self.assertRaises(TransportError) as cm:
            SqlOptimEnvWsClient(self.server.url + "/nope", timeout=5)
        self.assertIn("handshake refused: HTTP/1.1 404", str(cm.exception))


class ToolEnvTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = StandIn()
        self.addCleanup(self.server.stop)
        patcher = mock.patch.dict("os.environ", {"SQL_OPTIM_ENV_URL": self.server.url})
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_tools_are_the_public_methods_trl_would_expose(self) -> None:
        # grpo_trainer.py: public bound methods except reset and get_reward become tools.
        import inspect
        env = SqlOptimToolEnv()
        tools = {n for n, _ in inspect.getmembers(env, inspect.ismethod) if not n.startswith("_")} - {"reset", "get_reward"}
        self.assertEqual(tools, {"run_query", "report_issue", "submit_rewrite"})
        for name in tools:
            self.assertIn("Args:", getattr(env, name).__doc__)

    def test_issue_bookkeeping_and_reward(self) -> None:
        env = SqlOptimToolEnv()
        with self.assertRaisesRegex(ValueError, "No episode"):
            env.run_query(GOOD)
        prompt = env.reset(task_id=TASK, prompt=[{"role": "user", "content": "x"}])  # TRL passes the whole row
        self.assertIn("  3 | WHERE CAST(customer_id AS VARCHAR) = '5000'", prompt)
        self.assertEqual(json.loads(env.run_query(GOOD))["speedup"], 4.0)
        with self.assertRaisesRegex(ValueError, "SQL_ERROR: Parser Error"):
            env.run_query("syntax error")
        env.report_issue("select_star", 1, "low", "all columns", "name them")
        env.report_issue("non_sargable_predicate", "3", "High", "cast", "compare integers")
        self.assertIn("2 issue(s)", env.report_issue("non_sargable_predicate", 3, "critical", "cast", "compare integers"))
        with self.assertRaisesRegex(ValueError, "severity must be one of low, medium, high, critical"):
            env.report_issue("select_star", 1, "huge", "", "")
        self.assertEqual(env.get_reward(), 0.0)
        first = json.loads(env.submit_rewrite("SELECT 1", "s", "2x", False))
        self.assertEqual((first["reward"], first["done"], env.get_reward()), (0.5, False, 0.5))
        sent = self.server.sessions[env._client.session_id].actions[0]
        self.assertEqual([(s["issue_type"], s["line"], s["severity"]) for s in sent["suggestions"]],
                         [("select_star", 1, "low"), ("non_sargable_predicate", 3, "critical")])
        last = json.loads(env.submit_rewrite(GOOD, "s", "4x", False))
        self.assertEqual((last["done"], env.get_reward()), (True, 0.97))
        with self.assertRaisesRegex(ValueError, "The episode is over"):
            env.submit_rewrite(GOOD, "", "", False)
        env.reset(task_id=TASK)
        self.assertEqual(env.get_reward(), 0.0)


class GymEnvTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = StandIn()
        self.addCleanup(self.server.stop)

    def test_reset_and_step_tuples(self) -> None:
        env = SqlOptimGymEnv(self.server.url, render_mode="ansi")
        obs, info = env.reset(seed=None, options={"task_id": TASK})
        self.assertEqual((obs["task_id"], info), (TASK, {"task_id": TASK, "seed": None}))
        results = [env.step(action_dict("SELECT 1")) for _ in range(3)]
        self.assertEqual([r[1:4] for r in results], [(0.5, False, False), (0.5, False, False), (0.5, False, True)])
        obs, reward, terminated, truncated, info = results[-1]
        self.assertEqual((obs["step_count"], info["step"], info["reward_detail"]["score"]), (3, 3, 0.5))
        self.assertEqual(env.render(), f"{TASK} step 3/3 reward=0.5")
        env.close()


class SmokeScriptTest(unittest.TestCase):
    def test_smoke_passes_against_the_stand_in_and_fails_when_nothing_listens(self) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
        import smoke
        server = StandIn()
        self.addCleanup(server.stop)
        with mock.patch("sys.stdout"):
            self.assertEqual(smoke.main(["--url", server.url, "--ws", "--timeout", "5"]), 0)
        with mock.patch("sys.stdout"), mock.patch("sys.stderr"):
            self.assertEqual(smoke.main(["--url", "http://127.0.0.1:9", "--timeout", "5"]), 1)
        self.assertIn("customer_id = 5000\n  AND created_at >= DATE '2024-01-01' AND created_at < DATE '2025-01-01'",
                      smoke.rewrite_of(standin.SQL))


if __name__ == "__main__":
    unittest.main()
