# sql-optim-env's Python clients (standard library only): HTTP and WebSocket sessions, a TRL environment, a Gym wrapper.
from .client import (
    EnvError,
    SqlOptimEnvClient,
    SqlOptimEnvWsClient,
    StepOutcome,
    TransportError,
    action_dict,
    parse_outcome,
)
from .gym_env import SqlOptimGymEnv
from .trl_env import SqlOptimToolEnv

__all__ = [
    "EnvError",
    "SqlOptimEnvClient",
    "SqlOptimEnvWsClient",
    "SqlOptimGymEnv",
    "SqlOptimToolEnv",
    "StepOutcome",
    "TransportError",
    "action_dict",
    "parse_outcome",
]
__version__ = "0.1.0"
