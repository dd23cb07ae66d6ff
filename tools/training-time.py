#!/usr/bin/env python3
"""How long a training run has trained: its active wall-clock hours.

A run that is stopped and resumed (SIGTERM at a session's end, --resume at
the next) or paused (SIGSTOP while something is timed) has gaps in its
episodes' wall times; the hours a model's README reports are the run's
stretches without such gaps. Reads RUN_DIR/episodes.csv (MetricLogger's:
one row per training episode, `step` and `wall_time` in seconds since the
epoch) and prints each stretch (first and last step, hours, steps/s) and
the total. A gap is a silence between two episodes' ends longer than
--gap seconds (default 600: a life-episode of Space Invaders takes a few
seconds, an in-run evaluation of 30 full games about a minute). A stretch
starts at its first episode's end, so each resume's start-up (loading the
replay, the first episode) is not counted.

usage: tools/training-time.py RUN_DIR [--gap SECONDS]
"""
import argparse
import csv
import sys
from datetime import datetime, timezone


def stretches(rows, gap):
    """[(first_step, last_step, start_time, end_time)] of gap-free runs; a
    clock that steps back starts a new one."""
    out = []
    for step, t in rows:
        if out and 0 <= t - out[-1][3] <= gap:
            out[-1][1], out[-1][3] = step, t
        else:
            out.append([step, step, t, t])
    return out


def read_rows(path):
    """(step, wall_time) of each complete row; a row cut by a kill (fewer
    cells than the header, or a last line without its newline) is left out."""
    with open(path, newline="") as f:
        text = f.read()
    if not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header or "step" not in header or "wall_time" not in header:
        raise ValueError
    si, ti = header.index("step"), header.index("wall_time")
    return [(int(r[si]), float(r[ti])) for r in reader if len(r) == len(header)]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("run_dir")
    p.add_argument("--gap", type=float, default=600.0)
    a = p.parse_args()
    path = f"{a.run_dir}/episodes.csv"
    try:
        rows = read_rows(path)
    except OSError as e:
        sys.exit(f"training-time: cannot read {path}: {e.strerror}")
    except ValueError:
        sys.exit(f"training-time: {path} is not a training log (step, wall_time columns)")
    if not rows:
        sys.exit(f"training-time: {path} has no episodes yet")
    total_s = 0.0
    print("stretch  first_step   last_step   started (UTC)     hours  steps/s")
    for i, (s0, s1, t0, t1) in enumerate(stretches(rows, a.gap)):
        hours = (t1 - t0) / 3600
        total_s += t1 - t0
        sps = (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0
        started = datetime.fromtimestamp(t0, timezone.utc).strftime("%Y-%m-%d %H:%M")
        print(f"{i + 1:7d} {s0:11d} {s1:11d}   {started}  {hours:6.2f}  {sps:7.1f}")
    print(f"total: {rows[-1][0]} steps in {total_s / 3600:.2f} active hours "
          f"(gaps over {a.gap:.0f} s left out)")


if __name__ == "__main__":
    main()
