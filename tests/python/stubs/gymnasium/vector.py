"""gymnasium.vector's VectorEnv base class and AutoresetMode enum."""

from enum import Enum


class AutoresetMode(Enum):
    NEXT_STEP = "NextStep"
    SAME_STEP = "SameStep"
    DISABLED = "Disabled"


class VectorEnv:
    metadata = {}
    spec = None
    render_mode = None
    closed = False

    @property
    def unwrapped(self):
        return self
