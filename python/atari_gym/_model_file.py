"""Reading a model.pt (a PyTorch state_dict) without running code from it.

A pickle can call anything it names. The file is read once, by torch's own
zip reader and unpickler (torch.serialization._load), with an Unpickler that
resolves only what a state_dict needs: the tensor and Parameter rebuilders,
OrderedDict and LibTorch's type tags, each as a fresh wrapper (so the
pickle cannot change shared objects by setting attributes on them).
Checking first with Python's zipfile and then calling torch.load is not
enough: the two read different pickles from a crafted file (a pickle before
the zip, names in another case). torch.load(weights_only=True) of torch 1.13
refuses the type tags (torch.jit._pickle.restore_type_tag) LibTorch's
pickler writes, which atari-gym's model files have."""

import collections
import io
import pickle
import types


def _allowed():
    import torch._utils
    import torch.jit._pickle
    return {
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("torch._utils", "_rebuild_tensor_v2"): torch._utils._rebuild_tensor_v2,
        ("torch._utils", "_rebuild_parameter"): torch._utils._rebuild_parameter,
        ("torch.jit._pickle", "restore_type_tag"): torch.jit._pickle.restore_type_tag,
    }


class _Unpickler(pickle.Unpickler):
    # torch's subclass of this (UnpicklerWrapper) resolves the known
    # "...Storage" names itself and asks this for every other name.
    def find_class(self, module, name):
        fn = _allowed().get((module, name))
        if fn is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a model file")
        return lambda *args: fn(*args)


_PICKLE = types.SimpleNamespace(__name__="atari_gym._model_file", Unpickler=_Unpickler)


def read_state_dict(path):
    """The file's object (a dict of tensors for a model file), on the CPU;
    ValueError naming the file if it is not a state_dict file or its pickle
    names anything else."""
    import torch
    from torch.serialization import _load
    with open(path, "rb") as f:
        data = f.read()  # read once: what is checked is what is loaded
    if data[:4] != b"PK\x03\x04":  # torch.load would take it for its legacy format
        raise ValueError(f"{path}: not a PyTorch state_dict file (not a zip archive)")
    try:
        reader = torch._C.PyTorchFileReader(io.BytesIO(data))
    except RuntimeError as e:
        raise ValueError(f"{path}: not a PyTorch state_dict file ({e})") from None
    if "constants.pkl" in reader.get_all_records():  # torch.load would call torch.jit.load
        raise ValueError(f"{path}: not a PyTorch state_dict file (a TorchScript archive)")
    try:
        return _load(reader, "cpu", _PICKLE, encoding="utf-8")
    except pickle.UnpicklingError as e:
        raise ValueError(f"{path}: {e}") from None
