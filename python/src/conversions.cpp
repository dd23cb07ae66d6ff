// Conversions between Python values and the C++ layers' types, shared by the
// env, vector env and ALEInterface bindings.
#include <algorithm>
#include <cstring>

#include "bindings.hpp"
#include "env/rom_library.hpp"
#include "gym/registry.hpp"

namespace ag::python {

std::vector<std::filesystem::path> rom_dirs() {
  std::vector<std::filesystem::path> dirs = env::rom_search_path();
#ifdef AG_SOURCE_DIR
  // Passed as extra dirs, the whole list keeps its order (rom_search_path
  // puts extra dirs first and drops duplicates and missing folders).
  dirs.push_back(std::filesystem::path(AG_SOURCE_DIR) / ".." / "shared" / "roms");
#endif
  return dirs;
}

namespace {

std::string type_name(const py::handle& h) {
  return py::str(py::type::of(h).attr("__name__"));
}
std::string text(const py::handle& h) {
  return py::str(h).cast<std::string>();
}

// operator.index(h), or TypeError `message` + the type (NumPy's own message
// for a 1-element array would not say what was expected).
py::int_ as_index(const py::handle& h, const std::string& message) {
  if (PyIndex_Check(h.ptr())) {
    PyObject* i = PyNumber_Index(h.ptr());
    if (i) return py::reinterpret_steal<py::int_>(i);
    PyErr_Clear();
  }
  throw py::type_error(message + ", got " + type_name(h));
}

// A value of `key` as option text; TypeError for types no option takes.
gym::OptionValue option_value(const std::string& key, const py::handle& v) {
  if (PyBool_Check(v.ptr())) return gym::OptionValue(v.ptr() == Py_True);
  if (PyUnicode_Check(v.ptr())) return gym::OptionValue(v.cast<std::string>());
  if (PyIndex_Check(v.ptr()))
    return gym::OptionValue(as_index(v, key + ": expected an integer").cast<long long>());
  if (PyFloat_Check(v.ptr()) || py::hasattr(v, "__float__"))
    return gym::OptionValue(py::float_(py::reinterpret_borrow<py::object>(v)).cast<double>());
  // frameskip=(2, 5): a stochastic skip in [2, 5), as ale-py takes it.
  if (py::isinstance<py::tuple>(v) || py::isinstance<py::list>(v)) {
    std::string list;
    for (const py::handle item : v) {
      if (!PyIndex_Check(item.ptr()) || PyBool_Check(item.ptr()))
        throw py::type_error(key + ": expected integers in the sequence, got " + type_name(item));
      list += (list.empty() ? "" : ",") + text(item);
    }
    return gym::OptionValue(list);
  }
  throw py::type_error(key + ": unsupported value type " + type_name(v));
}

}  // namespace

gym::Options make_options(const py::dict& kwargs) {
  const std::vector<std::string>& known = gym::make_option_names();
  gym::Options options;
  for (const auto& [k, v] : kwargs) {
    const std::string key = py::str(k);
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw py::type_error("make() got an unexpected keyword argument '" + key + "'" +
                           gym::did_you_mean(key, known));
    if (v.is_none()) continue;  // ale-py's defaults are None: "not given"
    options.emplace_back(key, option_value(key, v));
  }
  return options;
}

std::optional<uint64_t> to_seed(const py::handle& seed) {
  if (seed.is_none()) return std::nullopt;
  if (PyBool_Check(seed.ptr())) throw py::type_error("seed must be None or an int, got bool");
  const py::int_ i = as_index(seed, "seed must be None or an int");
  if (i < py::int_(0)) throw py::value_error("seed must be a non-negative integer, got " + text(i));
  const unsigned long long s = PyLong_AsUnsignedLongLong(i.ptr());
  if (PyErr_Occurred()) {
    PyErr_Clear();
    throw py::value_error("seed must be below 2**64, got " + text(i));
  }
  return s;
}

int to_action(const py::handle& action, const gym::Discrete& space) {
  const py::int_ i = as_index(action, "action must be an integer");
  int overflow = 0;
  const long long a = PyLong_AsLongLongAndOverflow(i.ptr(), &overflow);
  if (overflow || a < 0 || a >= space.n)
    throw py::index_error("action " + text(i) + " is outside " + space.str());
  return static_cast<int>(a);
}

py::dict info_dict(const gym::Info& info) {
  py::dict d;
  d["lives"] = info.lives;
  d["episode_frame_number"] = info.episode_frame_number;
  d["frame_number"] = info.frame_number;
  if (info.seeds) d["seeds"] = py::make_tuple(info.seeds->np_seed, info.seeds->ale_seed);
  if (info.raw_reward) d["raw_reward"] = *info.raw_reward;
  if (info.episode) {
    py::dict e;
    e["r"] = info.episode->r;
    e["l"] = info.episode->l;
    e["t"] = info.episode->t;
    d["episode"] = e;
  }
  return d;
}

py::dtype numpy_dtype(gym::DType t) {
  // NumPy's cached descriptors: py::dtype("uint8") would parse the name on
  // every observation (~1,100 instructions, as much as making the array).
  return t == gym::DType::kUInt8 ? py::dtype::of<uint8_t>() : py::dtype::of<float>();
}

py::array copy_array(const gym::Box& space, const void* data, std::optional<int> lead) {
  std::vector<py::ssize_t> shape;
  if (lead) shape.push_back(*lead);
  for (int d : space.shape) shape.push_back(d);
  py::array out(numpy_dtype(space.dtype), shape);
  std::memcpy(out.mutable_data(), data, space.num_bytes() * (lead ? *lead : 1));
  return out;
}

py::tuple box_args(const gym::Box& box) {
  py::tuple shape(box.shape.size());
  for (size_t i = 0; i < box.shape.size(); ++i) shape[i] = box.shape[i];
  return py::make_tuple(box.low, box.high, shape, gym::dtype_name(box.dtype));
}

BusyGuard::BusyGuard(std::atomic<bool>& flag, const char* what) : flag_(flag) {
  if (flag_.exchange(true, std::memory_order_acquire))
    throw std::runtime_error(std::string(what) +
                             " is in use by another thread (one call at a time per env)");
}

}  // namespace ag::python
