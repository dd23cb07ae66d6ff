// atari_gym._atari_gym.Ale: the machine under ale-py's ALEInterface (the
// subset training code uses, with ale-py's names and array shapes). Either
// owns an AleEnv (loadROM) or is a view of an env's (env.unwrapped.ale),
// which it reaches through the env on every call, so closing the env makes
// the view fail cleanly instead of dangling. atari_gym/ale.py adds the
// settings (setInt/setFloat/setBool) and the Action enum.
#include <cstring>
#include <functional>
#include <memory>

#include "bindings.hpp"
#include "env/ale_env.hpp"
#include "env/rom_library.hpp"

namespace ag::python {

namespace {

// ALE's cloneState(): an opaque, picklable snapshot.
struct AleStateBytes {
  std::vector<uint8_t> bytes;
};

class PyAle {
 public:
  PyAle() = default;
  explicit PyAle(std::function<env::AleEnv&()> view) : view_(std::move(view)) {}

  void load(const std::string& path, const env::AleSettings& settings) {
    if (view_) throw std::runtime_error("loadROM: this ALE belongs to an env; make another env");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      raise_rom_not_found("ROM file " + path + ": not found");
    py::gil_scoped_release nogil;
    owned_ = std::make_unique<env::AleEnv>(path, settings);
  }

  env::AleEnv& ale() {
    if (view_) return view_();
    if (!owned_) throw std::runtime_error("no ROM loaded: call loadROM(path) first");
    return *owned_;
  }

  int act(int action, float paddle_strength) {
    if (action < 0 || action >= env::kNumActions)
      throw py::index_error("action " + std::to_string(action) + " is not an ALE action (0..17)");
    env::AleEnv& a = ale();
    py::gil_scoped_release nogil;
    return a.act(static_cast<env::Action>(action), paddle_strength);
  }

  void reset_game() {
    env::AleEnv& a = ale();
    py::gil_scoped_release nogil;
    a.reset_game();
  }

  // getScreen / getScreenRGB / getScreenGrayscale: (H, 160[, 3]) uint8,
  // written into `out` when given (ale-py's screen_data argument).
  py::array screen(const py::object& out, int channels, int kind) {
    env::AleEnv& a = ale();
    std::vector<py::ssize_t> shape = {a.screen_height(), env::AleEnv::kScreenWidth};
    if (channels == 3) shape.push_back(3);
    py::array_t<uint8_t> arr;
    if (out.is_none()) {
      arr = py::array_t<uint8_t>(shape);
    } else {
      arr = py::array_t<uint8_t>::ensure(out);
      const size_t want =
          static_cast<size_t>(a.screen_height()) * env::AleEnv::kScreenWidth * channels;
      if (!arr || !py::isinstance<py::array_t<uint8_t>>(out) ||
          !(arr.flags() & py::array::c_style) || static_cast<size_t>(arr.size()) != want ||
          !arr.writeable())
        throw py::value_error("screen_data must be a writable C-contiguous uint8 array of " +
                              std::to_string(want) + " elements");
    }
    uint8_t* dst = arr.mutable_data();
    if (kind == 0)
      std::memcpy(dst, a.screen(),
                  static_cast<size_t>(a.screen_height()) * env::AleEnv::kScreenWidth);
    else if (kind == 1)
      a.screen_rgb(dst);
    else
      a.screen_grayscale(dst);
    return arr;
  }

  py::array ram() {
    py::array_t<uint8_t> arr(128);
    std::memcpy(arr.mutable_data(), ale().ram(), 128);
    return arr;
  }

  void set_ram(int index, int value) {
    if (index < 0 || index >= 128)
      throw py::index_error("RAM index " + std::to_string(index) + " is outside 0..127");
    if (value < 0 || value > 255)
      throw py::value_error("RAM value " + std::to_string(value) + " is outside 0..255");
    ale().set_ram(index, static_cast<uint8_t>(value));
  }

  std::vector<int> actions(bool minimal) {
    std::vector<int> out;
    for (env::Action a : minimal ? ale().minimal_action_set() : ale().legal_action_set())
      out.push_back(static_cast<int>(a));
    return out;
  }

  void set_mode(int mode) {
    const auto modes = ale().available_modes();
    if (std::find(modes.begin(), modes.end(), mode) == modes.end())
      throw py::value_error("mode " + std::to_string(mode) + " is not one of this game's modes");
    ale().set_mode(mode);
  }
  void set_difficulty(int d) {
    const auto ds = ale().available_difficulties();
    if (std::find(ds.begin(), ds.end(), d) == ds.end())
      throw py::value_error("difficulty " + std::to_string(d) +
                            " is not one of this game's difficulties");
    ale().set_difficulty(d);
  }

  AleStateBytes clone_state(bool include_rng) { return {ale().clone_state(include_rng).bytes}; }
  void restore_state(const AleStateBytes& s) {
    try {
      ale().restore_state(env::AleState{s.bytes});
    } catch (const env::EnvError& e) {
      throw py::value_error(std::string("restoreState: ") + e.what());
    }
  }

 private:
  std::function<env::AleEnv&()> view_;
  std::unique_ptr<env::AleEnv> owned_;
};

}  // namespace

py::object ale_view(std::function<env::AleEnv&()> get) {
  return py::cast(PyAle(std::move(get)));
}

void bind_ale_interface(py::module_& m) {
  py::class_<AleStateBytes>(m, "ALEState", "A snapshot of the machine (cloneState)")
      .def(py::init([](const py::bytes& b) {
             const std::string raw = b;
             return AleStateBytes{std::vector<uint8_t>(raw.begin(), raw.end())};
           }),
           py::arg("data"), "From bytes(state)")
      .def("__bytes__",
           [](const AleStateBytes& s) {
             return py::bytes(reinterpret_cast<const char*>(s.bytes.data()), s.bytes.size());
           })
      .def("__eq__",
           [](const AleStateBytes& a, const AleStateBytes& b) { return a.bytes == b.bytes; })
      .def(py::pickle(
          [](const AleStateBytes& s) {
            return py::bytes(reinterpret_cast<const char*>(s.bytes.data()), s.bytes.size());
          },
          [](const py::bytes& b) {
            const std::string raw = b;
            return AleStateBytes{std::vector<uint8_t>(raw.begin(), raw.end())};
          }));

  py::class_<PyAle>(m, "AleCore", "The machine under atari_gym.ALEInterface")
      .def(py::init<>())
      .def("_load",
           [](PyAle& a, const std::string& path, int frame_skip, float repeat_action_probability,
              int random_seed, int max_num_frames_per_episode, bool truncate_on_loss_of_life) {
             env::AleSettings s;
             s.frame_skip = frame_skip;
             s.repeat_action_probability = repeat_action_probability;
             s.random_seed = random_seed;
             s.max_num_frames_per_episode = max_num_frames_per_episode;
             s.truncate_on_loss_of_life = truncate_on_loss_of_life;
             if (frame_skip < 1) throw py::value_error("frame_skip must be >= 1");
             if (!(repeat_action_probability >= 0 && repeat_action_probability <= 1))
               throw py::value_error("repeat_action_probability must be in [0, 1]");
             a.load(path, s);
           })
      .def("act", &PyAle::act, py::arg("action"), py::arg("paddle_strength") = 1.0f)
      .def("reset_game", &PyAle::reset_game)
      .def(
          "game_over", [](PyAle& a, bool t) { return a.ale().game_over(t); },
          py::arg("with_truncation") = true)
      .def("game_truncated", [](PyAle& a) { return a.ale().game_truncated(); })
      .def("lives", [](PyAle& a) { return a.ale().lives(); })
      .def("getEpisodeFrameNumber", [](PyAle& a) { return a.ale().episode_frame_number(); })
      .def("getFrameNumber", [](PyAle& a) { return a.ale().frame_number(); })
      .def(
          "getScreen", [](PyAle& a, py::object out) { return a.screen(out, 1, 0); },
          py::arg("screen_data") = py::none())
      .def(
          "getScreenRGB", [](PyAle& a, py::object out) { return a.screen(out, 3, 1); },
          py::arg("screen_data") = py::none())
      .def(
          "getScreenGrayscale", [](PyAle& a, py::object out) { return a.screen(out, 1, 2); },
          py::arg("screen_data") = py::none())
      .def("getScreenDims",
           [](PyAle& a) {
             return py::make_tuple(a.ale().screen_height(), env::AleEnv::kScreenWidth);
           })
      .def("getRAM", &PyAle::ram)
      .def("setRAM", &PyAle::set_ram, py::arg("index"), py::arg("value"))
      .def("_minimal_actions", [](PyAle& a) { return a.actions(true); })
      .def("_legal_actions", [](PyAle& a) { return a.actions(false); })
      .def("getAvailableModes", [](PyAle& a) { return a.ale().available_modes(); })
      .def("setMode", &PyAle::set_mode, py::arg("mode"))
      .def("getAvailableDifficulties", [](PyAle& a) { return a.ale().available_difficulties(); })
      .def("setDifficulty", &PyAle::set_difficulty, py::arg("difficulty"))
      .def("cloneState", &PyAle::clone_state, py::arg("include_rng") = false)
      .def("restoreState", &PyAle::restore_state, py::arg("state"));
}

}  // namespace ag::python
