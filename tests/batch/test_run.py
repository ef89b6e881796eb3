"""The Dask settings tidings gives its workers: real Dask keys, and the same through environment variables."""

from __future__ import annotations

import dask
import distributed  # noqa: F401  (loads the distributed.* defaults)

from tidings.batch.run import WORKER_CONFIG, worker_environment


def test_run_worker_config_names_real_dask_settings() -> None:
    for key, value in WORKER_CONFIG.items():
        default = dask.config.get(key)  # a renamed key would raise here instead of being silently ignored
        assert default != value, f"{key} is already {value} by default: drop it"


def test_run_worker_environment_round_trips_to_the_same_config() -> None:
    collected = dask.config.collect_env(worker_environment())
    with dask.config.set(collected):
        assert {key: dask.config.get(key) for key in WORKER_CONFIG} == WORKER_CONFIG
