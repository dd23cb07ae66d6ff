#!/usr/bin/env python3
"""Agent steps per second from Python beside the C++ `atari-gym bench env`
(issue 15's targets: a Python loop over one env within 25% of the C++
one-env rate, make_vec within 10% of the C++ vector env).

Both sides run the same settings: ALE/<Game>-v5 made with frameskip=1 and
AtariPreprocessing (84x84 grayscale, frame skip 4 with max-pool, noop_max
30) + FrameStackObservation(4), random actions, sticky actions as v5 has
them. Per game and round, back to back (a VM's speed drifts between
minutes, so the programs are interleaved, as tools/ale-speed/compare.sh
does):

  C++ 1 env    atari-gym bench env --num-envs 1 --threads 1 (a one-worker
               VectorEnv steps inline: no thread hand-off)
  Python 1 env atari_gym.make(...); a loop of env.step(a) with reset() when
               an episode ends
  C++ vector   atari-gym bench env --num-envs N --threads T
  Python vector atari_gym.make_vec(..., num_envs=N, num_threads=T) and
               vec.step(actions), copy=True (Gymnasium's default) and
               copy=False (the env's own buffer)

Actions are drawn before the timed loop on both sides (the C++ bench draws
them with mt19937 inside its loop, a few ns each), so the figures measure
the env and its bindings, not a sampler; env.action_space.sample() would add
about 2-3 us per call. The table gives the best round (and the median) of
wall-clock agent steps/s, and python/C++ ratios of the bests.

Run it on a quiet machine (nothing else using the cores: the script prints
the load average first and warns when it is high):

    PYTHONPATH=build/python /usr/bin/python3 python/benchmarks/bench_python.py \\
        --cli build/atari-gym [--rounds 5] [--steps 20000] [--num-envs 8 --threads 2]

--quick runs a few hundred steps once, to check that everything runs (its
figures mean nothing).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys
import time

import numpy as np

try:
    import atari_gym
except ImportError as e:  # pragma: no cover
    sys.exit(f"bench_python: cannot import atari_gym ({e}); build it and set "
             f"PYTHONPATH=<build>/python")

GAMES = ("ALE/Pong-v5", "ALE/SpaceInvaders-v5")
# What `atari-gym bench env` makes by default (src/cli/cmd_bench_env.cpp).
KWARGS = dict(frameskip=1, atari_preprocessing=True, frame_stack=4)


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return platform.processor() or "unknown CPU"


def default_cli() -> pathlib.Path | None:
    # <build>/python/atari_gym/__init__.py -> <build>/atari-gym
    here = pathlib.Path(atari_gym.__file__).resolve().parents[2] / "atari-gym"
    return here if here.is_file() else None


def cli_build_info(cli: pathlib.Path) -> str:
    """How the CLI was built (its CMakeCache.txt, when beside it): the
    module's emulator is compiled without the PGO profile the CLI may use."""
    cache = cli.resolve().parent / "CMakeCache.txt"
    if not cache.is_file():
        return "build settings unknown (no CMakeCache.txt beside it)"
    text = cache.read_text(errors="replace")
    found = dict(re.findall(r"^(AG_PGO|CMAKE_BUILD_TYPE):\w+=(.*)$", text, re.M))
    return ", ".join(f"{k}={v}" for k, v in sorted(found.items())) or "no AG_PGO entry"


def run_cli(cli, game, num_envs, threads, vector_steps, seed) -> float:
    """`atari-gym bench env`'s wall-clock agent steps/s."""
    cmd = [str(cli), "bench", "env", "--env", game, "--num-envs", str(num_envs), "--threads",
           str(threads), "--steps", str(vector_steps), "--seed", str(seed)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench_python: {' '.join(cmd)} failed:\n{out.stderr}")
    # The last line is the wall-clock one: "sps=... fps=..."
    m = re.search(r"^sps=(\d+(?:\.\d+)?) fps=", out.stdout, re.M)
    if not m:
        sys.exit(f"bench_python: unexpected output of {' '.join(cmd)}:\n{out.stdout}")
    return float(m.group(1))


def run_single(game, steps, seed) -> float:
    env = atari_gym.make(game, **KWARGS)
    env.reset(seed=seed)
    actions = np.random.default_rng(seed).integers(env.action_space.n, size=steps).tolist()
    step, reset = env.step, env.reset
    t0 = time.perf_counter()
    for a in actions:
        _, _, terminated, truncated, _ = step(a)
        if terminated or truncated:
            reset()
    secs = time.perf_counter() - t0
    env.close()
    return steps / secs


def run_vector(game, num_envs, threads, vector_steps, seed, copy) -> float:
    vec = atari_gym.make_vec(game, num_envs, num_threads=threads, copy=copy, **KWARGS)
    vec.reset(seed=seed)
    n = int(vec.single_action_space.n)
    actions = np.random.default_rng(seed).integers(n, size=(vector_steps, num_envs))
    step = vec.step
    t0 = time.perf_counter()
    for s in range(vector_steps):
        step(actions[s])
    secs = time.perf_counter() - t0
    vec.close()
    return vector_steps * num_envs / secs


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cli", type=pathlib.Path, default=None,
                   help="the atari-gym program (default: <build>/atari-gym beside the module)")
    p.add_argument("--games", nargs="+", default=list(GAMES))
    p.add_argument("--steps", type=int, default=20000,
                   help="agent steps per timed run (the vector runs take steps/num_envs "
                        "vector steps)")
    p.add_argument("--num-envs", type=int, default=8)
    p.add_argument("--threads", type=int, default=1,
                   help="worker threads of both vector envs (C++ bench env's default: 1)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quick", action="store_true",
                   help="a few hundred steps, one round: checks that everything runs")
    args = p.parse_args(argv)
    if args.quick:
        args.steps, args.rounds = 400, 1

    cli = args.cli or default_cli()
    if cli is None or not cli.is_file():
        sys.exit("bench_python: give --cli PATH/TO/atari-gym (the C++ side of the comparison)")
    vector_steps = max(1, args.steps // args.num_envs)

    load = os.getloadavg()[0]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"CPU: {cpu_model()} ({cpus} CPUs available), load average {load:.2f}")
    if load > 0.5:
        print("WARNING: the machine is not quiet (load average > 0.5): these figures are "
              "not comparable")
    print(f"C++: {cli} ({cli_build_info(cli)})")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"atari_gym {atari_gym.__file__}")
    print(f"settings: {', '.join(f'{k}={v}' for k, v in KWARGS.items())}; "
          f"{args.steps} agent steps per run, vector: {args.num_envs} envs, "
          f"{args.threads} thread(s); best of {args.rounds} round(s)"
          + (" [--quick: figures mean nothing]" if args.quick else ""))
    print(flush=True)

    rows = []
    for game in args.games:
        runs = {k: [] for k in ("cpp1", "py1", "cppN", "pyN", "pyN_nocopy")}
        for r in range(args.rounds):
            seed = args.seed + r
            runs["cpp1"].append(run_cli(cli, game, 1, 1, args.steps, seed))
            runs["py1"].append(run_single(game, args.steps, seed))
            runs["cppN"].append(run_cli(cli, game, args.num_envs, args.threads, vector_steps,
                                        seed))
            runs["pyN"].append(run_vector(game, args.num_envs, args.threads, vector_steps, seed,
                                          True))
            runs["pyN_nocopy"].append(run_vector(game, args.num_envs, args.threads,
                                                 vector_steps, seed, False))
        best = {k: max(v) for k, v in runs.items()}
        med = {k: statistics.median(v) for k, v in runs.items()}
        vec = f"{args.num_envs} envs, {args.threads} thr"
        rows.append((game, "1 env", best["cpp1"], med["cpp1"], "make", best["py1"], med["py1"],
                     best["py1"] / best["cpp1"], 0.75))
        rows.append((game, vec, best["cppN"], med["cppN"], "make_vec", best["pyN"], med["pyN"],
                     best["pyN"] / best["cppN"], 0.90))
        rows.append((game, vec, best["cppN"], med["cppN"], "make_vec copy=False",
                     best["pyN_nocopy"], med["pyN_nocopy"], best["pyN_nocopy"] / best["cppN"],
                     0.90))

    print("| game | envs | C++ bench env sps (median) | Python | Python sps (median) "
          "| Python / C++ | target |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for game, envs, c, cm, what, py, pm, ratio, target in rows:
        ok = "ok" if ratio >= target else "MISSED"
        print(f"| {game} | {envs} | {c:,.0f} ({cm:,.0f}) | {what} | {py:,.0f} ({pm:,.0f}) "
              f"| {ratio:.2f} | >= {target:.2f} {ok} |")
    print("\nAnchors (issue 15): ALE + Gymnasium's Python wrappers ~4.9k frames/s per core "
          "(= ~1.2k agent steps/s at frame skip 4); EnvPool's published Atari figures.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
