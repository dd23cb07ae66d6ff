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
  Python 1 env atari_gym.make(...); a loop of env.step(a), and reset() in
               place of the step after an episode's end (as the VectorEnv's
               NEXT_STEP autoreset, whose reset step counts as an agent step)
  C++ vector   atari-gym bench env --num-envs N --threads T
  Python vector atari_gym.make_vec(..., num_envs=N, num_threads=T) and
               vec.step(actions), copy=True (Gymnasium's default) and
               copy=False (the env's own buffer)

Python takes the C++ bench's own actions (its std::mt19937 seeded with
--seed, through libstdc++'s uniform_int_distribution), drawn before the
timed loop (the C++ bench draws them inside its loop, a few ns each): both
sides play the same episodes, so they do the same env work, and the figures
measure the bindings (and the module's own PIC build of the emulator), not a
sampler (env.action_space.sample() would add about 2-3 us per call). The table gives the best round (and the median) of
wall-clock agent steps/s, and python/C++ ratios of the bests; --cpu-time
uses agent steps per CPU-second of each process instead (the C++ bench's
"per cpu-second" line), which another program on the cores disturbs less.

Run it on a quiet machine (nothing else using the cores: the script prints
the load average first and warns when it is high):

    PYTHONPATH=build/python /usr/bin/python3 python/benchmarks/bench_python.py \\
        --cli build/atari-gym [--rounds 5] [--steps 20000] [--num-envs 8 --threads 2] [--cpu-time]

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


def cpp_bench_actions(seed, n, shape) -> np.ndarray:
    """The actions `atari-gym bench env` draws, in its order (env by env, step
    by step): std::uniform_int_distribution<int>(0, n - 1) over
    std::mt19937(seed). libstdc++ (GCC 11+) maps a 32-bit draw x to
    (x * n) >> 32 and redraws when (x * n) mod 2**32 < 2**32 mod n (Lemire);
    NumPy's MT19937 is the same generator, given std::mt19937's seeding
    (init_genrand) through its public state. Another standard library would
    give other (equally random) actions."""
    key, x = np.empty(624, np.uint32), int(seed) & 0xFFFFFFFF
    for i in range(624):
        key[i] = x
        x = (1812433253 * (x ^ (x >> 30)) + i + 1) & 0xFFFFFFFF
    bits = np.random.MT19937()
    bits.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": 624}}
    count = int(np.prod(shape))
    threshold = (2**32 - n) % n
    kept = np.empty(0, np.uint64)
    while len(kept) < count:
        scaled = bits.random_raw(count - len(kept)).astype(np.uint64) * np.uint64(n)
        kept = np.concatenate([kept, scaled[(scaled & np.uint64(0xFFFFFFFF)) >= threshold]])
    return (kept >> np.uint64(32)).astype(np.int64).reshape(shape)


def run_cli(cli, game, num_envs, threads, vector_steps, seed, cpu_time=False) -> float:
    """`atari-gym bench env`'s agent steps/s (wall-clock, or per CPU-second)."""
    cmd = [str(cli), "bench", "env", "--env", game, "--num-envs", str(num_envs), "--threads",
           str(threads), "--steps", str(vector_steps), "--seed", str(seed)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench_python: {' '.join(cmd)} failed:\n{out.stderr}")
    # "per cpu-second: sps=... fps=...", then the wall-clock "sps=... fps=..."
    m = re.search(r"^%ssps=(\d+(?:\.\d+)?) fps=" % ("per cpu-second: " if cpu_time else ""),
                  out.stdout, re.M)
    if not m:
        sys.exit(f"bench_python: unexpected output of {' '.join(cmd)}:\n{out.stdout}")
    return float(m.group(1))


def run_single(game, steps, seed, clock) -> float:
    env = atari_gym.make(game, **KWARGS)
    env.reset(seed=seed)
    actions = cpp_bench_actions(seed, int(env.action_space.n), steps).tolist()
    step, reset = env.step, env.reset
    ended = False
    t0 = clock()
    for a in actions:
        if ended:  # the C++ VectorEnv's autoreset step: a reset, its action unused
            reset()
            ended = False
        else:
            _, _, terminated, truncated, _ = step(a)
            ended = terminated or truncated
    secs = clock() - t0
    env.close()
    return steps / secs


def run_vector(game, num_envs, threads, vector_steps, seed, copy, clock) -> float:
    vec = atari_gym.make_vec(game, num_envs, num_threads=threads, copy=copy, **KWARGS)
    vec.reset(seed=seed)
    actions = cpp_bench_actions(seed, int(vec.single_action_space.n), (vector_steps, num_envs))
    step = vec.step
    t0 = clock()
    for s in range(vector_steps):
        step(actions[s])
    secs = clock() - t0
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
    p.add_argument("--cpu-time", action="store_true",
                   help="agent steps per CPU-second of each process (all its threads) instead "
                        "of per wall-clock second: steadier beside other load")
    p.add_argument("--quick", action="store_true",
                   help="a few hundred steps, one round: checks that everything runs")
    args = p.parse_args(argv)
    if args.quick:
        args.steps, args.rounds = 400, 1

    cli = args.cli or default_cli()
    if cli is None or not cli.is_file():
        sys.exit("bench_python: give --cli PATH/TO/atari-gym (the C++ side of the comparison)")
    vector_steps = max(1, args.steps // args.num_envs)
    # process_time: every thread of this process, as the C++ bench's clock().
    clock = time.process_time if args.cpu_time else time.perf_counter

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
          + ("; per CPU-second" if args.cpu_time else "; wall-clock")
          + (" [--quick: figures mean nothing]" if args.quick else ""))
    print(flush=True)

    rows = []
    for game in args.games:
        runs = {k: [] for k in ("cpp1", "py1", "cppN", "pyN", "pyN_nocopy")}
        for r in range(args.rounds):
            seed = args.seed + r
            runs["cpp1"].append(run_cli(cli, game, 1, 1, args.steps, seed, args.cpu_time))
            runs["py1"].append(run_single(game, args.steps, seed, clock))
            runs["cppN"].append(run_cli(cli, game, args.num_envs, args.threads, vector_steps,
                                        seed, args.cpu_time))
            runs["pyN"].append(run_vector(game, args.num_envs, args.threads, vector_steps, seed,
                                          True, clock))
            runs["pyN_nocopy"].append(run_vector(game, args.num_envs, args.threads,
                                                 vector_steps, seed, False, clock))
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
