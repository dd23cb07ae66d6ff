"""register / make / make_vec / EnvSpec as Gymnasium 1.x's registration.py
has them, cut to the steps that involve the env's creator: ids parsed with
Gymnasium's pattern, string entry points loaded, the created env checked to
be a gymnasium.Env, env.unwrapped.spec set and env.spec read back."""

import copy
import dataclasses
import importlib
import re

from gymnasium.core import Env

# Gymnasium's id pattern: [namespace/](env_name)[-v(version)]
ENV_ID_RE = re.compile(
    r"^(?:(?P<namespace>[\w:-]+)\/)?(?:(?P<name>[\w:.-]+?))(?:-v(?P<version>\d+))?$")

registry = {}
register_calls = []  # the arguments of every register() call, in order


@dataclasses.dataclass
class EnvSpec:
    id: str
    entry_point: object = None
    reward_threshold: float = None
    nondeterministic: bool = False
    max_episode_steps: int = None
    order_enforce: bool = True
    disable_env_checker: bool = False
    kwargs: dict = dataclasses.field(default_factory=dict)
    namespace: str = dataclasses.field(init=False)
    name: str = dataclasses.field(init=False)
    version: int = dataclasses.field(init=False)
    additional_wrappers: tuple = ()
    vector_entry_point: object = None

    def __post_init__(self):
        m = ENV_ID_RE.fullmatch(self.id)
        if not m:
            raise ValueError(f"Malformed environment ID: {self.id}")
        self.namespace, self.name = m["namespace"], m["name"]
        self.version = None if m["version"] is None else int(m["version"])


def register(id, entry_point=None, reward_threshold=None, nondeterministic=False,
             max_episode_steps=None, order_enforce=True, disable_env_checker=False,
             additional_wrappers=(), vector_entry_point=None, kwargs=None):
    register_calls.append(dict(id=id, entry_point=entry_point, max_episode_steps=max_episode_steps,
                               vector_entry_point=vector_entry_point, kwargs=kwargs))
    registry[id] = EnvSpec(id=id, entry_point=entry_point, reward_threshold=reward_threshold,
                           nondeterministic=nondeterministic, max_episode_steps=max_episode_steps,
                           order_enforce=order_enforce, disable_env_checker=disable_env_checker,
                           kwargs=dict(kwargs or {}), additional_wrappers=additional_wrappers,
                           vector_entry_point=vector_entry_point)


def register_envs(module):
    pass


def _load(entry_point):
    if callable(entry_point):
        return entry_point
    module, attr = entry_point.split(":")
    return getattr(importlib.import_module(module), attr)


def make(id, max_episode_steps=None, disable_env_checker=None, **kwargs):
    spec = id if isinstance(id, EnvSpec) else registry[id]
    spec_kwargs = copy.deepcopy(spec.kwargs)
    spec_kwargs.update(kwargs)
    env = _load(spec.entry_point)(**spec_kwargs)
    if not isinstance(env, Env):
        raise TypeError(f"The environment must inherit from the gymnasium.Env class, actual "
                        f"class: {type(env)}")
    env.unwrapped.spec = EnvSpec(id=spec.id, entry_point=spec.entry_point, kwargs=spec_kwargs,
                                 max_episode_steps=None, order_enforce=False,
                                 disable_env_checker=True,
                                 vector_entry_point=spec.vector_entry_point)
    assert env.spec is not None and env.spec.additional_wrappers == ()
    return env


def make_vec(id, num_envs=1, vectorization_mode=None, vector_kwargs=None, wrappers=None, **kwargs):
    # Only the vector_entry_point mode (the default when a spec has one).
    spec = copy.deepcopy(id if isinstance(id, EnvSpec) else registry[id])
    spec_kwargs = dict(spec.kwargs)
    spec_kwargs.update(kwargs)
    env = _load(spec.vector_entry_point)(num_envs=num_envs, **spec_kwargs)
    spec.kwargs = dict(spec_kwargs, num_envs=num_envs, vectorization_mode="vector_entry_point")
    env.unwrapped.spec = spec
    from gymnasium.vector import AutoresetMode
    if not isinstance(env.metadata.get("autoreset_mode"), AutoresetMode):
        raise TypeError("metadata['autoreset_mode'] is not an AutoresetMode")
    return env
