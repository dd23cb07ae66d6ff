#!/usr/bin/env bash
# Installs everything atari-gym needs to build and test, from Debian's archive.
# Idempotent: packages already present are left alone. Run as root (or via sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libgtest-dev libgmock-dev libbenchmark-dev   # tests and benchmarks
  libcli11-dev nlohmann-json3-dev              # command line, JSON data files
  zlib1g-dev                                   # gzip traces, crc32
  libopencv-imgproc-dev                        # tests only: our INTER_AREA resize == cv::resize
  libtorch-dev                                 # the agent's nets (LibTorch 1.13, CPU)
  libdnnl-dev                                  # oneDNN 2.6: the learner's fast fp32 primitives
  libopenblas0-openmp                          # LibTorch's BLAS (else the slow reference BLAS)
  libprotobuf-dev protobuf-compiler            # TensorBoard event files
  libplplot-dev plplot-driver-cairo            # training plots (PNG through cairo)
  python3-torch python3-numpy                  # tests: PyTorch loads our exported model
  python3-protobuf                             # tests: an independent TensorBoard file reader
  pybind11-dev python3-pybind11 python3-dev    # the Python module atari_gym (docs/python.md)
  python3-pytest                               # tests: the atari_gym suite (tests/python)
  python3-venv python3-setuptools python3-wheel # `pip install .` into a venv (README, Python)
  libsdl2-dev libsdl2-ttf-dev fonts-dejavu-core # play/watch windows and their text
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev  # record: H.264 MP4
  libgif-dev libpng-dev                        # record: GIF; screenshots: PNG
  xvfb xauth                                   # tests: play/watch open real windows on Xvfb
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "install-deps: all ${#packages[@]} packages present"
