// atari_gym._atari_gym.Env: one env by id (gym.make) with its wrapper stack,
// stepped with the GIL released. atari_gym/env.py puts Gymnasium's surface
// (spaces, render_mode, unwrapped, spec) on top of it.
#include <memory>
#include <optional>

#include "bindings.hpp"
#include "gym/atari_env.hpp"
#include "gym/registry.hpp"

namespace ag::python {

namespace {

class PyEnv {
 public:
  PyEnv(const std::string& id, const py::dict& kwargs, const std::vector<std::string>& wrappers)
      : id_(id) {
    const gym::Options options = make_options(kwargs);
    // Everything about the id and options is checked before the ROM is
    // looked for, so a typo is reported as a typo.
    const gym::AtariEnvConfig config = gym::make_config(id, options);
    const auto dirs = rom_dirs();
    find_rom_or_raise(config.game, dirs);
    {
      py::gil_scoped_release nogil;
      env_ = gym::make_wrapped(id, options, wrappers, dirs);
    }
    atari_ = dynamic_cast<gym::AtariEnv*>(&env_->unwrapped());
  }

  py::tuple reset(const py::handle& seed, const py::handle& options) {
    const std::optional<uint64_t> s = to_seed(seed);
    if (!options.is_none() && !py::isinstance<py::dict>(options))
      throw py::type_error("options must be None or a dict");
    gym::Env& e = live();
    std::optional<gym::ResetResult> r;
    {
      BusyGuard busy(busy_, "this env");
      py::gil_scoped_release nogil;
      r.emplace(e.reset(s));
      r->obs.data();  // render while the GIL is free
    }
    return py::make_tuple(copy_array(r->obs.space(), r->obs.data()), info_dict(r->info));
  }

  py::tuple step(const py::handle& action) {
    gym::Env& e = live();
    const int a = to_action(action, e.action_space());
    std::optional<gym::StepResult> s;
    {
      BusyGuard busy(busy_, "this env");
      py::gil_scoped_release nogil;
      s.emplace(e.step(a));
      s->obs.data();
    }
    return py::make_tuple(copy_array(s->obs.space(), s->obs.data()), s->reward, s->terminated,
                          s->truncated, info_dict(s->info));
  }

  // Gymnasium's render() with render_mode="rgb_array": the unwrapped game's
  // screen (ale-py's getScreenRGB()), whatever the observation is.
  py::array render() {
    gym::AtariEnv& a = atari();
    gym::Box rgb{0, 255, {a.screen_height(), a.screen_width(), 3}, gym::DType::kUInt8};
    return copy_array(rgb, a.render().data());
  }

  void close() {
    BusyGuard busy(busy_, "this env");
    env_.reset();
    atari_ = nullptr;
  }
  bool closed() const { return !env_; }

  gym::Env& live() {
    if (!env_) throw std::runtime_error(id_ + ": the env is closed");
    return *env_;
  }
  gym::AtariEnv& atari() {
    live();
    if (!atari_) throw std::runtime_error(id_ + ": no Atari env under the wrappers");
    return *atari_;
  }
  const std::string& id() const { return id_; }

 private:
  std::string id_;
  std::unique_ptr<gym::Env> env_;
  gym::AtariEnv* atari_ = nullptr;  // the innermost env, owned by env_
  std::atomic<bool> busy_{false};
};

}  // namespace

void bind_env(py::module_& m) {
  py::class_<PyEnv>(m, "Env", "One environment and its wrappers (use atari_gym.make)")
      .def(py::init<const std::string&, const py::dict&, const std::vector<std::string>&>(),
           py::arg("id"), py::arg("kwargs"), py::arg("wrappers"))
      .def("reset", &PyEnv::reset, py::arg("seed") = py::none(), py::arg("options") = py::none())
      .def("step", &PyEnv::step, py::arg("action"))
      .def("render", &PyEnv::render)
      .def("close", &PyEnv::close)
      .def_property_readonly("closed", &PyEnv::closed)
      .def_property_readonly("id", &PyEnv::id)
      .def_property_readonly("name", [](PyEnv& e) { return e.live().name(); })
      .def_property_readonly("action_n", [](PyEnv& e) { return e.live().action_space().n; })
      .def_property_readonly("observation_space_args",
                             [](PyEnv& e) { return box_args(e.live().observation_space()); })
      .def("action_meanings", [](PyEnv& e) { return e.live().action_meanings(); })
      .def_property_readonly("unwrapped_action_n",
                             [](PyEnv& e) { return e.atari().action_space().n; })
      .def_property_readonly("unwrapped_observation_space_args",
                             [](PyEnv& e) { return box_args(e.atari().observation_space()); })
      .def("unwrapped_action_meanings", [](PyEnv& e) { return e.atari().action_meanings(); })
      .def_property_readonly(
          "ale",
          [](py::object self) {
            // Reached through the env on every call (see ale_view).
            return ale_view([self]() -> env::AleEnv& { return self.cast<PyEnv&>().atari().ale(); });
          })
      .def_property_readonly("frame_rate", [](PyEnv& e) { return e.atari().frame_rate(); });
}

}  // namespace ag::python
