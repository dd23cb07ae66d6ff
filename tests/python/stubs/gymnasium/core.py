"""gymnasium.Env as far as atari_gym relies on it: a base class with
class-level defaults and `unwrapped`."""


class Env:
    metadata = {"render_modes": []}
    render_mode = None
    spec = None

    @property
    def unwrapped(self):
        return self

    def close(self):
        pass
