"""The ids registered with gymnasium, when it is importable (at `import
atari_gym`): every id of the C++ registry as atari_gym/<id without "ALE/">,

    gymnasium.make("atari_gym/Pong-v5", frameskip=1, atari_preprocessing=True, frame_stack=4)
    gymnasium.make_vec("atari_gym/Pong-v5", num_envs=8, ...)

whose entry points call atari_gym.make / atari_gym.make_vec with the id in
the spec's kwargs as env_id (not `id`: gymnasium passes a spec's kwargs to
its own make(id, ...) too, when it vectorizes with "sync"/"async")."""

from __future__ import annotations

from ._gymnasium import gymnasium

__all__ = ["NAMESPACE", "ENTRY_POINT", "VECTOR_ENTRY_POINT", "gymnasium_id", "make_env",
           "make_vec_env", "register_envs"]

NAMESPACE = "atari_gym"
ENTRY_POINT = "atari_gym.registration:make_env"
VECTOR_ENTRY_POINT = "atari_gym.registration:make_vec_env"


def gymnasium_id(id: str) -> str:
    """The id under which `id` is registered with gymnasium:
    ALE/Pong-v5 -> atari_gym/Pong-v5, PongNoFrameskip-v4 -> atari_gym/PongNoFrameskip-v4."""
    return f"{NAMESPACE}/{id.removeprefix('ALE/')}"


def make_env(*, env_id: str, **kwargs):
    """gymnasium's entry point: atari_gym.make(env_id, **kwargs)."""
    from .env import make
    return make(env_id, **kwargs)


def make_vec_env(*, env_id: str, num_envs: int = 1, **kwargs):
    """gymnasium's vector entry point: atari_gym.make_vec(env_id, num_envs, **kwargs)."""
    from .vector import make_vec
    return make_vec(env_id, num_envs, **kwargs)


# gymnasium.make reads its entry point's metadata for the render modes it
# may ask for (and wraps for "human" / "rgb_array_list" itself).
make_env.metadata = {"render_modes": ["rgb_array"]}


def register_envs(ids) -> list[str]:
    """Registers every id with gymnasium (a no-op without it); ids already
    registered (a second import) are left alone. Returns the ids registered."""
    if gymnasium is None:
        return []
    done = []
    for id in ids:
        gid = gymnasium_id(id)
        if gid in gymnasium.registry:
            continue
        gymnasium.register(id=gid, entry_point=ENTRY_POINT,
                           vector_entry_point=VECTOR_ENTRY_POINT, kwargs={"env_id": id})
        done.append(gid)
    return done
