# The C++ extension of `pip install .` (pyproject.toml has the rest): the
# emulator, env and gym layers plus the bindings, compiled as position-
# independent code by setuptools. LibTorch and the CLI are not part of it.
import glob
import os

import pybind11
from setuptools import Extension, setup

root = os.path.dirname(os.path.abspath(__file__))
# Intermediate files go to build-pip/, never to build/ (the CMake build's folder).
build_base = os.path.join(root, "build-pip")
os.makedirs(build_base, exist_ok=True)

sources = sorted(f for layer in ("src/emu", "src/env", "src/gym", "python/src")
                 for f in glob.glob(f"{layer}/*.cpp", root_dir=root))

extension = Extension(
    "atari_gym._atari_gym",
    sources=sources,
    include_dirs=[pybind11.get_include(), "src"],
    # The checkout the module was built from: ROMs in its ../shared/roms are found.
    define_macros=[("AG_SOURCE_DIR", f'"{root}"'), ("NDEBUG", None)],
    extra_compile_args=["-std=c++20", "-O3", "-fvisibility=hidden", "-Wno-unused-parameter"],
    libraries=["z"],
    language="c++",
)

setup(ext_modules=[extension],
      options={"build": {"build_base": build_base}, "egg_info": {"egg_base": build_base}})
