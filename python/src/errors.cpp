// C++ errors -> Python exceptions. The layers throw GymError for bad ids,
// options, actions and misuse (ValueError here: the value passed was wrong),
// EnvError for ROM and emulator problems, StateError for malformed saved
// states. Call sites that know better raise TypeError / IndexError /
// RomNotFoundError themselves before reaching these.
#include "bindings.hpp"
#include "emu/state_io.hpp"
#include "env/ale_env.hpp"

namespace ag::python {

namespace {
// Owned for the life of the process (a static py::object would be released
// after the interpreter is gone).
PyObject* rom_not_found_type = nullptr;
}  // namespace

void raise_rom_not_found(const std::string& message) {
  PyErr_SetString(rom_not_found_type, message.c_str());
  throw py::error_already_set();
}

void bind_errors(py::module_& m) {
  // A missing ROM: a FileNotFoundError whose message says how to provide it.
  rom_not_found_type =
      PyErr_NewException("atari_gym.RomNotFoundError", PyExc_FileNotFoundError, nullptr);
  m.attr("RomNotFoundError") = py::handle(rom_not_found_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const gym::GymError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const emu::StateError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const env::EnvError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });
}

}  // namespace ag::python
