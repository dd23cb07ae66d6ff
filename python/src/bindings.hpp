// Shared pieces of the atari_gym extension (_atari_gym): one bind_* per
// concept (env, vector env, ROMs, ALEInterface), and the conversions between
// the C++ layers' types and Python's that more than one of them needs.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "env/ale_env.hpp"
#include "gym/info.hpp"
#include "gym/options.hpp"
#include "gym/space.hpp"

namespace ag::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_roms(py::module_& m);
void bind_env(py::module_& m);
void bind_vector_env(py::module_& m);
void bind_ale_interface(py::module_& m);

// An ALEInterface object over an env's machine (env.unwrapped.ale): `get`
// reaches it through the env, and fails once the env is closed.
py::object ale_view(std::function<env::AleEnv&()> get);

// Raises atari_gym.RomNotFoundError (a FileNotFoundError) with `message`.
[[noreturn]] void raise_rom_not_found(const std::string& message);

// --- conversions (conversions.cpp) ---

// The ROM search path the module uses: the CLI's (ATARI_ROM_DIR, ./roms,
// the user's ROM folder, ../shared/roms) plus ../shared/roms beside the
// checkout the module was built in (the CLI finds that one from its own
// location, which for Python would be the interpreter's).
std::vector<std::filesystem::path> rom_dirs();

// The ROM of `game` (ALE's name) in `dirs`, or RomNotFoundError saying
// where it was looked for and how to provide it (roms.cpp).
std::filesystem::path find_rom_or_raise(const std::string& game,
                                        const std::vector<std::filesystem::path>& dirs);

// Gymnasium-style keyword arguments -> the registry's Options. Unknown
// keywords raise TypeError (as Python does for a function), values of a
// wrong type TypeError, None means "not given".
gym::Options make_options(const py::dict& kwargs);

// A reset seed: None, or a non-negative int (Gymnasium's rule).
std::optional<uint64_t> to_seed(const py::handle& seed);

// An action: a Python int, a NumPy integer or a 0-d integer array, inside
// `space` (IndexError otherwise, TypeError for a non-integer).
int to_action(const py::handle& action, const gym::Discrete& space);

// ale-py's info dict: lives, episode_frame_number, frame_number (+ seeds
// after a seeded reset, episode from RecordEpisodeStatistics, raw_reward
// from ClipReward).
py::dict info_dict(const gym::Info& info);

// Gymnasium 1.x's vector infos: for each key an array over the envs and a
// "_key" mask of the envs that have it; nested dicts ("episode") likewise.
// Only envs with present[i] != 0 contribute (vector_infos.cpp).
py::dict vector_infos(const gym::Info* infos, const uint8_t* present, int num_envs);

// A fresh NumPy array of `shape` (prefixed by `lead` when given) holding a
// copy of `data` in the space's dtype.
py::array copy_array(const gym::Box& space, const void* data, std::optional<int> lead = {});
// The shape (n,), spelt so that py::array's (handle, bool) constructor
// cannot be chosen by mistake.
inline std::vector<py::ssize_t> shape1(int n) {
  return {static_cast<py::ssize_t>(n)};
}
// NumPy's dtype for a space's.
py::dtype numpy_dtype(gym::DType t);
// (low, high, shape, dtype name): what atari_gym.spaces.Box is built from.
py::tuple box_args(const gym::Box& box);

// Marks an object busy for the duration of a call that releases the GIL, so
// a second Python thread using the same env gets an error instead of a race.
class BusyGuard {
 public:
  BusyGuard(std::atomic<bool>& flag, const char* what);
  ~BusyGuard() { flag_.store(false, std::memory_order_release); }
  BusyGuard(const BusyGuard&) = delete;
  BusyGuard& operator=(const BusyGuard&) = delete;

 private:
  std::atomic<bool>& flag_;
};

}  // namespace ag::python
