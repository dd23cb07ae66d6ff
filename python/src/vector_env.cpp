// atari_gym._atari_gym.VectorEnv: N envs stepped by the C++ VectorEnv's
// threads (Gymnasium 1.x's VectorEnv API; atari_gym/vector.py adds the
// spaces). Observations come back as one (N, ...) array: a fresh copy, or
// with copy=False a read-only view of the VectorEnv's own buffer, which the
// next reset/step overwrites. A view shares ownership of the VectorEnv, so
// close() (or the vector env's end) never leaves it pointing at freed memory.
#include "gym/vector_env.hpp"

#include <cctype>
#include <cstring>
#include <memory>

#include "bindings.hpp"
#include "gym/registry.hpp"

namespace ag::python {

namespace {

// "next_step", "NextStep", "NEXT_STEP" (Gymnasium's AutoresetMode names and values).
gym::AutoresetMode parse_autoreset(const std::string& text) {
  std::string s;
  for (char c : text)
    if (c != '_' && c != '-') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "nextstep") return gym::AutoresetMode::kNextStep;
  if (s == "samestep") return gym::AutoresetMode::kSameStep;
  if (s == "disabled") return gym::AutoresetMode::kDisabled;
  throw py::value_error("autoreset_mode '" + text +
                        "' is not one of next_step, same_step, disabled");
}

const char* autoreset_name(gym::AutoresetMode m) {
  switch (m) {
    case gym::AutoresetMode::kNextStep:
      return "next_step";
    case gym::AutoresetMode::kSameStep:
      return "same_step";
    case gym::AutoresetMode::kDisabled:
      return "disabled";
  }
  return "";
}

class PyVectorEnv {
 public:
  PyVectorEnv(const std::string& id, int num_envs, const py::dict& kwargs,
              const std::vector<std::string>& wrappers, int num_threads,
              const std::string& autoreset_mode, bool copy)
      : id_(id), copy_(copy) {
    if (num_envs < 1)
      throw py::value_error("num_envs must be positive, got " + std::to_string(num_envs));
    if (num_threads < 1)
      throw py::value_error("num_threads must be positive, got " + std::to_string(num_threads));
    const gym::Options options = make_options(kwargs);
    const gym::AtariEnvConfig config = gym::make_config(id, options);
    const auto dirs = rom_dirs();
    find_rom_or_raise(config.game, dirs);
    const gym::VectorEnvOptions vo{num_threads, parse_autoreset(autoreset_mode)};
    py::gil_scoped_release nogil;
    vec_ = gym::make_vector(id, num_envs, options, wrappers, vo, dirs);  // -> shared_ptr
  }

  py::tuple reset(const py::handle& seed, const py::handle& options) {
    gym::VectorEnv& v = live();
    const int n = v.num_envs();
    std::vector<uint8_t> mask(n, 1);
    if (!options.is_none()) {
      if (!py::isinstance<py::dict>(options))
        throw py::type_error("options must be None or a dict");
      const py::dict d = py::reinterpret_borrow<py::dict>(options);
      if (d.contains("reset_mask")) mask = to_mask(d["reset_mask"], n);
    }
    // Per-env seeds (a list) become masked resets: VectorEnv seeds env i
    // with seed + i, so env i gets s_i from seed s_i - i (mod 2**64).
    std::vector<std::pair<std::optional<uint64_t>, std::vector<uint8_t>>> calls;
    if (py::isinstance<py::list>(seed) || py::isinstance<py::tuple>(seed)) {
      const py::sequence seeds = py::reinterpret_borrow<py::sequence>(seed);
      if (static_cast<int>(seeds.size()) != n)
        throw py::value_error("reset got " + std::to_string(seeds.size()) + " seeds for " +
                              std::to_string(n) + " envs");
      for (int i = 0; i < n; ++i) {
        if (!mask[i]) continue;
        std::vector<uint8_t> one(n, 0);
        one[i] = 1;
        const auto s = to_seed(seeds[i]);
        calls.emplace_back(s ? std::optional<uint64_t>(*s - static_cast<uint64_t>(i)) : s, one);
      }
    } else {
      calls.emplace_back(to_seed(seed), mask);
    }
    {
      BusyGuard busy(busy_, "this vector env");
      py::gil_scoped_release nogil;
      for (const auto& [s, m] : calls) v.reset(s, m);
    }
    return py::make_tuple(observations(), vector_infos(v.infos().data(), mask.data(), n));
  }

  py::tuple step(const py::handle& actions) {
    gym::VectorEnv& v = live();
    take_actions(actions);
    {
      BusyGuard busy(busy_, "this vector env");
      py::gil_scoped_release nogil;
      v.step(actions_);
    }
    return results();
  }

  // send(actions) returns at once; recv() waits and returns what step() would.
  void send(const py::handle& actions) {
    gym::VectorEnv& v = live();
    take_actions(actions);
    BusyGuard busy(busy_, "this vector env");
    v.send(actions_);
  }
  py::tuple recv() {
    gym::VectorEnv& v = live();
    {
      BusyGuard busy(busy_, "this vector env");
      py::gil_scoped_release nogil;
      v.recv();
    }
    return results();
  }

  void close() {
    if (!vec_) return;
    BusyGuard busy(busy_, "this vector env");
    py::gil_scoped_release nogil;
    // Waits for a pending send() and joins the workers, unless a copy=False
    // view still holds the VectorEnv: then that happens when the last view goes.
    vec_.reset();
  }
  bool closed() const { return !vec_; }

  gym::VectorEnv& live() {
    if (!vec_) throw std::runtime_error(id_ + ": the vector env is closed");
    return *vec_;
  }
  const std::string& id() const { return id_; }
  bool copy() const { return copy_; }

 private:
  static std::vector<uint8_t> to_mask(const py::handle& h, int n) {
    const py::array a = py::array::ensure(h);
    if (!a || a.ndim() != 1 || a.shape(0) != n)
      throw py::value_error("reset_mask must be a 1-D array of " + std::to_string(n) + " bools");
    const py::array_t<bool, py::array::forcecast> b(a);
    std::vector<uint8_t> mask(n);
    for (int i = 0; i < n; ++i) mask[i] = b.at(i) ? 1 : 0;
    return mask;
  }

  void take_actions(const py::handle& actions) {
    const gym::VectorEnv& v = *vec_;
    const int n = v.num_envs();
    const py::array a = py::array::ensure(actions);
    if (!a) throw py::type_error("actions must be an array of integers");
    const char kind = a.dtype().kind();
    if (kind != 'i' && kind != 'u')
      throw py::type_error("actions must be integers, got an array of dtype " +
                           py::str(a.dtype()).cast<std::string>());
    if (a.ndim() != 1 || a.shape(0) != n)
      throw py::value_error("expected " + std::to_string(n) + " actions (shape (" +
                            std::to_string(n) + ",)), got shape " +
                            py::str(a.attr("shape")).cast<std::string>());
    const py::array_t<int64_t, py::array::forcecast> b(a);
    const gym::Discrete& space = v.single_action_space();
    actions_.resize(n);
    for (int i = 0; i < n; ++i) {
      const int64_t x = b.at(i);
      if (x < 0 || x >= space.n)
        throw py::index_error("action " + std::to_string(x) + " for env " + std::to_string(i) +
                              " is outside " + space.str());
      actions_[i] = static_cast<int>(x);
    }
  }

  py::array observations() {
    const gym::VectorEnv& v = *vec_;
    if (copy_) return copy_array(v.single_observation_space(), v.observations(), v.num_envs());
    std::vector<py::ssize_t> shape;
    for (int d : v.observation_shape()) shape.push_back(d);
    // The view's base owns a share of the VectorEnv: the buffer lives as long as the view.
    py::capsule owner(new std::shared_ptr<gym::VectorEnv>(vec_),
                      [](void* p) { delete static_cast<std::shared_ptr<gym::VectorEnv>*>(p); });
    py::array view(numpy_dtype(v.single_observation_space().dtype), shape, v.observations(), owner);
    view.attr("setflags")(py::arg("write") = false);
    return view;
  }

  py::tuple results() {
    const gym::VectorEnv& v = *vec_;
    const int n = v.num_envs();
    py::array_t<double> rewards(n);
    py::array_t<bool> terminations(n), truncations(n);
    std::copy(v.rewards().begin(), v.rewards().end(), rewards.mutable_data());
    std::memcpy(terminations.mutable_data(), v.terminations().data(), n);  // 0/1 bytes
    std::memcpy(truncations.mutable_data(), v.truncations().data(), n);
    const std::vector<uint8_t> all(n, 1);
    py::dict infos = vector_infos(v.infos().data(), all.data(), n);
    if (v.autoreset_mode() == gym::AutoresetMode::kSameStep) add_final(infos);
    return py::make_tuple(observations(), rewards, terminations, truncations, infos);
  }

  // SAME_STEP (Gymnasium 1.x): the ended episodes' last observation and info,
  // since the returned ones are already the next episode's.
  void add_final(py::dict& infos) {
    const gym::VectorEnv& v = *vec_;
    const int n = v.num_envs();
    std::vector<uint8_t> ended(n);
    std::vector<gym::Info> final_infos(n);
    bool any = false;
    py::array final_obs(py::dtype("O"), shape1(n));
    py::array_t<bool> mask(n);
    for (int i = 0; i < n; ++i) {
      ended[i] = v.ended_last_step(i) ? 1 : 0;
      any |= ended[i] != 0;
      mask.mutable_at(i) = ended[i] != 0;
      if (ended[i]) final_infos[i] = v.final_info(i);
      final_obs[py::int_(i)] =
          ended[i] ? py::object(copy_array(v.single_observation_space(), v.final_observation(i)))
                   : py::object(py::none());
    }
    if (!any) return;
    infos["final_obs"] = final_obs;
    infos["_final_obs"] = mask;
    infos["final_info"] = vector_infos(final_infos.data(), ended.data(), n);
    infos["_final_info"] = mask.attr("copy")();
  }

  std::string id_;
  bool copy_;
  std::shared_ptr<gym::VectorEnv> vec_;
  std::vector<int> actions_;
  std::atomic<bool> busy_{false};
};

}  // namespace

void bind_vector_env(py::module_& m) {
  py::class_<PyVectorEnv>(m, "VectorEnv", "N envs stepped together (use atari_gym.make_vec)")
      .def(py::init<const std::string&, int, const py::dict&, const std::vector<std::string>&, int,
                    const std::string&, bool>(),
           py::arg("id"), py::arg("num_envs"), py::arg("kwargs"), py::arg("wrappers"),
           py::arg("num_threads"), py::arg("autoreset_mode"), py::arg("copy"))
      .def("reset", &PyVectorEnv::reset, py::arg("seed") = py::none(),
           py::arg("options") = py::none())
      .def("step", &PyVectorEnv::step, py::arg("actions"))
      .def("send", &PyVectorEnv::send, py::arg("actions"))
      .def("recv", &PyVectorEnv::recv)
      .def("close", &PyVectorEnv::close)
      .def_property_readonly("closed", &PyVectorEnv::closed)
      .def_property_readonly("id", &PyVectorEnv::id)
      .def_property_readonly("copy", &PyVectorEnv::copy)
      .def_property_readonly("num_envs", [](PyVectorEnv& v) { return v.live().num_envs(); })
      .def_property_readonly("num_threads", [](PyVectorEnv& v) { return v.live().num_threads(); })
      .def_property_readonly(
          "autoreset_mode",
          [](PyVectorEnv& v) { return autoreset_name(v.live().autoreset_mode()); })
      .def_property_readonly("single_action_n",
                             [](PyVectorEnv& v) { return v.live().single_action_space().n; })
      .def_property_readonly(
          "single_observation_space_args",
          [](PyVectorEnv& v) { return box_args(v.live().single_observation_space()); })
      .def("action_meanings", [](PyVectorEnv& v) { return v.live().env(0).action_meanings(); });
}

}  // namespace ag::python
