# The C++ extension of `pip install .` (pyproject.toml has the rest): the
# emulator, env and gym layers plus the bindings, compiled as position-
# independent code by setuptools. LibTorch and the CLI are not part of it.
import glob
import os

import pybind11
from pybind11.setup_helpers import ParallelCompile
from setuptools import Extension, setup

# Compile the ~70 sources in parallel: AG_BUILD_JOBS=N jobs (default: every CPU).
ParallelCompile("AG_BUILD_JOBS").install()

root = os.path.dirname(os.path.abspath(__file__))
# Intermediate files go to build-pip/ (or $AG_PIP_BUILD_DIR), never to build/
# (the CMake build's folder).
build_base = os.environ.get("AG_PIP_BUILD_DIR") or os.path.join(root, "build-pip")
os.makedirs(build_base, exist_ok=True)

sources = sorted(os.path.relpath(f, root)
                 for layer in ("src/emu", "src/env", "src/gym", "python/src")
                 for f in glob.glob(os.path.join(root, layer, "*.cpp")))
sources.append("src/agent/human_scores.cpp")  # atari_gym.agent's reference scores (no LibTorch)

extension = Extension(
    "atari_gym._atari_gym",
    sources=sources,
    include_dirs=[pybind11.get_include(), "src"],
    # The checkout the module was built from: ROMs in its ../shared/roms are found.
    define_macros=[("AG_SOURCE_DIR", f'"{root}"'), ("NDEBUG", None)],
    # After Python's own CFLAGS (Debian's: -g -fwrapv -O2 -fstack-protector-strong),
    # so these win: the same code as the CMake build's module (-O3, no -fwrapv,
    # no stack protector), no debug info (a quicker build, a 1 MB module).
    extra_compile_args=["-std=c++20", "-O3", "-fvisibility=hidden", "-Wno-unused-parameter",
                        "-g0", "-fno-wrapv", "-fno-stack-protector"],
    libraries=["z"],
    language="c++",
)

setup(ext_modules=[extension],
      options={"build": {"build_base": build_base}, "egg_info": {"egg_base": build_base}})
