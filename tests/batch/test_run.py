"""The Dask settings tidings gives its workers: real Dask keys, and the same through environment variables."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import dask
import distributed  # noqa: F401  (loads the distributed.* defaults)
import pytest

from tidings.batch.run import PRE_SPAWN, WORKER_ALLOCATOR, WORKER_CONFIG, local_cluster, worker_environment

SPAWN_ENV_CODE = ("import json, dask, distributed; "
                  "print(json.dumps(dask.config.get('distributed.nanny.pre-spawn-environ')))")


def test_run_worker_config_names_real_dask_settings() -> None:
    spawn_defaults = dask.config.get(PRE_SPAWN)
    for key, value in WORKER_CONFIG.items():
        if key.startswith(PRE_SPAWN + "."):  # variables the nanny sets: Dask's may be absent (None: none)
            default = spawn_defaults.get(key[len(PRE_SPAWN) + 1:])
        else:
            default = dask.config.get(key)  # a renamed key would raise here instead of being silently ignored
        assert default != value, f"{key} is already {value} by default: drop it"


def test_run_dask_still_sets_the_trim_threshold_tidings_unsets() -> None:
    assert "MALLOC_TRIM_THRESHOLD_" in dask.config.get(PRE_SPAWN)  # else the None in WORKER_ALLOCATOR is moot
    assert WORKER_ALLOCATOR["MALLOC_TRIM_THRESHOLD_"] is None


def test_run_dask_worker_started_with_the_environment_gets_the_single_process_allocator() -> None:
    # what `dask worker` reads at start-up, with the variables of docs/scaling.md: Dask's names keep their case
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASK_", "MALLOC_"))} | worker_environment()
    spawn = json.loads(subprocess.run([sys.executable, "-c", SPAWN_ENV_CODE], env=env, capture_output=True,
                                      text=True, check=True).stdout)
    assert spawn["MALLOC_TRIM_THRESHOLD_"] is None and spawn["MALLOC_ARENA_MAX"] == "1"
    assert spawn["OMP_NUM_THREADS"] == 1  # Dask's other entries are kept, not replaced


def test_run_worker_environment_sets_the_allocator_for_workers_without_a_nanny() -> None:
    env = worker_environment()
    assert env["MALLOC_ARENA_MAX"] == "1" and "MALLOC_TRIM_THRESHOLD_" not in env


def _allocator_variables() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("MALLOC_")}


def test_run_local_workers_start_without_dask_trim_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import Client

    for name in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX"):  # the nanny copies its variables into this process
        monkeypatch.delenv(name, raising=False)
    cluster = local_cluster(1)
    try:
        with Client(cluster) as client:
            seen = list(client.run(_allocator_variables).values())
    finally:
        cluster.close()
    assert seen == [{"MALLOC_ARENA_MAX": "1"}]


def test_run_worker_environment_round_trips_to_the_same_config() -> None:
    collected = dask.config.collect_env(worker_environment())
    with dask.config.set(collected):
        assert {key: dask.config.get(key) for key in WORKER_CONFIG} == WORKER_CONFIG
