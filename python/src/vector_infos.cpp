// Gymnasium 1.x's batched infos (VectorEnv._add_info): each key holds an
// array over the envs, and "_key" a bool mask of the envs that gave it.
// Python ints become int64 arrays, floats float64, anything else (the
// seeds tuple) an object array; dicts nest.
#include "bindings.hpp"

namespace ag::python {

namespace {

template <class T>
py::array_t<T> zeros(int n) {
  py::array_t<T> a(n);
  std::fill(a.mutable_data(), a.mutable_data() + n, T{});
  return a;
}

template <class Has>
bool any_of(int n, Has has) {
  for (int i = 0; i < n; ++i)
    if (has(i)) return true;
  return false;
}

// One key: values[i] where has(i), with its mask; nothing (and no arrays
// allocated: this runs on every vector step) when no env has it.
template <class T, class Get, class Has>
void add(py::dict& out, const char* key, int n, Get get, Has has) {
  if (!any_of(n, has)) return;
  py::array_t<T> values = zeros<T>(n);
  py::array_t<bool> mask = zeros<bool>(n);
  T* v = values.mutable_data();
  bool* m = mask.mutable_data();
  for (int i = 0; i < n; ++i) {
    if (!has(i)) continue;
    v[i] = static_cast<T>(get(i));
    m[i] = true;
  }
  out[key] = values;
  out[("_" + std::string(key)).c_str()] = mask;
}

}  // namespace

py::dict vector_infos(const gym::Info* infos, const uint8_t* present, int n) {
  py::dict out;
  auto here = [&](int i) { return present[i] != 0; };
  add<int64_t>(
      out, "lives", n, [&](int i) { return infos[i].lives; }, here);
  add<int64_t>(
      out, "episode_frame_number", n, [&](int i) { return infos[i].episode_frame_number; }, here);
  add<int64_t>(
      out, "frame_number", n, [&](int i) { return infos[i].frame_number; }, here);
  add<double>(
      out, "raw_reward", n, [&](int i) { return *infos[i].raw_reward; },
      [&](int i) { return here(i) && infos[i].raw_reward.has_value(); });

  // seeds: a tuple per env, so an object array (None where absent); only
  // after seeded resets.
  auto has_seeds = [&](int i) { return here(i) && infos[i].seeds.has_value(); };
  if (any_of(n, has_seeds)) {
    py::array seeds(py::dtype("O"), shape1(n));
    py::array_t<bool> seeds_mask = zeros<bool>(n);
    // Element by element (every one, so no slot is left NULL): np.array of
    // a list of tuples would make a 2-D array.
    for (int i = 0; i < n; ++i) {
      const bool has = has_seeds(i);
      seeds_mask.mutable_at(i) = has;
      seeds[py::int_(i)] = has ? py::object(py::make_tuple(infos[i].seeds->np_seed,
                                                           infos[i].seeds->ale_seed))
                               : py::object(py::none());
    }
    out["seeds"] = seeds;
    out["_seeds"] = seeds_mask;
  }

  // episode: {"r", "l", "t"} from RecordEpisodeStatistics, nested as Gymnasium nests dicts.
  auto has_episode = [&](int i) { return here(i) && infos[i].episode.has_value(); };
  py::dict episode;
  add<double>(
      episode, "r", n, [&](int i) { return infos[i].episode->r; }, has_episode);
  add<int64_t>(
      episode, "l", n, [&](int i) { return infos[i].episode->l; }, has_episode);
  add<double>(
      episode, "t", n, [&](int i) { return infos[i].episode->t; }, has_episode);
  if (episode.size() > 0) {
    out["episode"] = episode;
    py::array_t<bool> mask = zeros<bool>(n);
    for (int i = 0; i < n; ++i) mask.mutable_at(i) = has_episode(i);
    out["_episode"] = mask;
  }
  return out;
}

}  // namespace ag::python
