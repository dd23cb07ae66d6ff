"""Reading a model.pt (a PyTorch state_dict) without running code from it.

A pickle can call anything it names. Before torch.load reads the file, its
pickle is unpickled once here with stand-ins, and refused if it names
anything but the few callables a state_dict needs. torch.load(weights_only=
True) of torch 1.13 is not enough: it refuses the type tags LibTorch's
pickler writes for the dict's types (torch.jit._pickle.restore_type_tag),
which atari-gym's model files have, and that torch ignores a pickle_module
it is given."""

import collections
import io
import pickle
import zipfile

# module, name: what a state_dict's pickle may call (torch.*Storage too).
_ALLOWED = {
    ("collections", "OrderedDict"),
    ("torch._utils", "_rebuild_tensor_v2"),
    ("torch._utils", "_rebuild_parameter"),
    ("torch.jit._pickle", "restore_type_tag"),
}


def _stand_in(*args, **kwargs):
    return None


class _Checker(pickle.Unpickler):
    """Unpickles with stand-ins for the allowed callables; raises on any other."""

    def find_class(self, module, name):
        if module == "torch" and name.endswith("Storage"):
            return _stand_in
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a model file")
        return collections.OrderedDict if name == "OrderedDict" else _stand_in

    def persistent_load(self, pid):  # the tensors' storages: not read here
        return None


def check_pickle(path) -> None:
    """Raises ValueError unless `path` is a PyTorch zip file whose pickle names
    only what a state_dict needs."""
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            pickles = [n for n in names if n.endswith("/data.pkl")]
            # constants.pkl or code/: a TorchScript archive, which torch.load
            # would hand to torch.jit.load rather than read as a state_dict.
            if len(pickles) != 1 or any("/code/" in n or n.endswith("/constants.pkl")
                                        for n in names):
                raise ValueError(f"{path}: not a PyTorch state_dict file (no single data.pkl, "
                                 f"or a TorchScript archive)")
            data = z.read(pickles[0])
    except zipfile.BadZipFile:
        raise ValueError(f"{path}: not a PyTorch state_dict file (not a zip archive)") from None
    try:
        _Checker(io.BytesIO(data)).load()
    except pickle.UnpicklingError as e:
        raise ValueError(f"{path}: {e}") from None
    except Exception as e:  # a damaged pickle: whatever the stand-ins meet
        raise ValueError(f"{path}: not a PyTorch state_dict ({e})") from None


def read_state_dict(path):
    """The file's object (a dict of tensors for a model file), on the CPU."""
    import torch
    check_pickle(path)
    return torch.load(str(path), map_location="cpu")
