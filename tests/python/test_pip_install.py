"""`pip install .` into a venv, as docs/python.md gives it: --system-site-packages
(Debian's Python is externally managed; numpy, setuptools and pybind11 come
from the system), --no-build-isolation --no-index (nothing downloaded).

Opt-in (AG_TEST_PIP_INSTALL=1): the build compiles the whole emulator again,
about 2 minutes on one core (AG_BUILD_JOBS, default every CPU, sets the
parallel compile jobs)."""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    os.environ.get("AG_TEST_PIP_INSTALL") != "1",
    reason="opt-in: AG_TEST_PIP_INSTALL=1 (rebuilds the module with pip, ~2 min on one core)")


def test_pip_install_into_a_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # not the CMake build's
    env["AG_PIP_BUILD_DIR"] = str(tmp_path / "build")  # a fresh build, not the checkout's build-pip
    env["PIP_NO_INPUT"] = "1"
    proc = subprocess.run([str(python), "-m", "pip", "install", "--no-build-isolation",
                           "--no-index", str(ROOT)], env=env, capture_output=True, text=True,
                          timeout=1800)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]

    check = """
import atari_gym, pathlib
assert "site-packages" in atari_gym.__file__, atari_gym.__file__
env = atari_gym.make("ALE/Pong-v5", frameskip=1, atari_preprocessing=True, frame_stack=4)
obs, info = env.reset(seed=0)
assert obs.shape == (4, 84, 84)
print("ok", atari_gym.__file__)
"""
    out = subprocess.run([str(python), "-c", check], env=env, cwd=tmp_path, capture_output=True,
                         text=True)
    assert out.returncode == 0 and out.stdout.startswith("ok"), out.stderr
    # The suite's API tests against the installed module (pytest from the system).
    suite = [str(ROOT / "tests/python" / f) for f in
             ("test_make.py", "test_vector.py", "test_wrapper_kwargs.py", "test_gymnasium.py",
              "test_ale_interface.py", "test_roms.py")]
    out = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *suite],
                         env=env, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-4000:]
