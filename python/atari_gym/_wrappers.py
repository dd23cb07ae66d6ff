"""The wrappers of make() / make_vec() as keyword arguments, one per C++
wrapper (src/gym/wrapper_spec.hpp), named as the spec with '_' for '-':

    atari_gym.make("ALE/Pong-v5", frameskip=1,
                   atari_preprocessing=dict(noop_max=30, frame_skip=4), frame_stack=4)
    == atari_gym.make("ALE/Pong-v5", frameskip=1,
                      wrappers=["atari-preprocessing:noop_max=30,frame_skip=4",
                                "frame-stack:stack_size=4"])

A value is True (the wrapper with its defaults), False or None (no
wrapper), a dict of the wrapper's options (Gymnasium's argument names), or
for wrappers with one main option that option's value (frame_stack=4,
time_limit=1000, skip_frame=4, record_episode_statistics=100,
action_space=[0, 1, 3], clip_reward=(-1, 1)). The keyword wrappers are
applied in ORDER below (innermost first, the project's training stack),
after (outside) any given with wrappers=[...]."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

__all__ = ["WRAPPER_KEYWORDS", "ORDER", "split_wrapper_kwargs", "wrapper_specs"]


@dataclass(frozen=True)
class _Wrapper:
    spec: str             # the C++ spec name
    cls: str              # the C++ class (its errors start with "Class:")
    options: tuple        # its options, in wrapper_spec.cpp's order
    main: str | None      # the option a bare value sets (frame_stack=4 -> stack_size=4)
    lists: tuple = ()     # options that take a sequence of ints


# Innermost first. time_limit counts agent steps (outside the frame skip),
# record_episode_statistics sees the game's own rewards and episode ends
# (inside clip_reward and episodic_life), fire_reset sits above episodic_life
# so a lost life's reset fires too, action_space is outermost so the other
# wrappers see the env's own actions (src/agent/env_factory.cpp's order).
WRAPPER_KEYWORDS = {
    "atari_preprocessing": _Wrapper(
        "atari-preprocessing", "AtariPreprocessing",
        ("noop_max", "frame_skip", "screen_size", "terminal_on_life_loss", "grayscale_obs",
         "grayscale_newaxis", "scale_obs"), None, ("screen_size",)),
    "skip_frame": _Wrapper("skip-frame", "SkipFrame", ("skip",), "skip"),
    "time_limit": _Wrapper("time-limit", "TimeLimit", ("max_episode_steps",), "max_episode_steps"),
    "record_episode_statistics": _Wrapper("record-episode-statistics", "RecordEpisodeStatistics",
                                          ("buffer_length",), "buffer_length"),
    "clip_reward": _Wrapper("clip-reward", "ClipReward", ("min_reward", "max_reward"), None),
    "episodic_life": _Wrapper("episodic-life", "EpisodicLife", (), None),
    "fire_reset": _Wrapper("fire-reset", "FireReset", (), None),
    "frame_stack": _Wrapper("frame-stack", "FrameStackObservation",
                            ("stack_size", "padding_type"), "stack_size"),
    "action_space": _Wrapper("action-space", "ActionSpaceWrapper", ("actions", "allowed_actions"),
                             "actions", ("actions", "allowed_actions")),
}
ORDER = tuple(WRAPPER_KEYWORDS)


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _text(keyword: str, option: str, value, lists: tuple) -> str:
    """One option's value as spec text; TypeError / ValueError naming it."""
    where = f"{keyword}: option {option!r}"
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if _is_int(value):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, str):
        if not value or any(c in value for c in ",:="):
            raise ValueError(f"{where}: {value!r} is not a valid value")
        return value
    if option in lists and isinstance(value, (list, tuple, np.ndarray)):
        items = list(np.asarray(value).ravel()) if isinstance(value, np.ndarray) else list(value)
        if not items or not all(_is_int(x) for x in items):
            raise ValueError(f"{where} must be a non-empty sequence of integers, got {value!r}")
        return ",".join(str(int(x)) for x in items)
    raise TypeError(f"{where}: unsupported value {value!r} ({type(value).__name__})")


def _spec(keyword: str, value) -> str | None:
    """The spec text of one keyword argument, None for False / None."""
    w = WRAPPER_KEYWORDS[keyword]
    if value is None or value is False:
        return None
    if value is True:
        options = {}
    elif isinstance(value, dict):
        options = dict(value)
    elif keyword == "clip_reward" and isinstance(value, (tuple, list)) and len(value) == 2:
        options = {"min_reward": value[0], "max_reward": value[1]}
    elif w.main is not None:
        options = {w.main: value}
    else:
        accepted = "True or a dict of options" if w.options else "True or False"
        raise TypeError(f"{keyword}={value!r}: expected {accepted}"
                        + (f" ({', '.join(w.options)})" if w.options else ""))
    parts = []
    for option, v in options.items():
        if not isinstance(option, str) or option not in w.options:
            close = difflib.get_close_matches(str(option), w.options, n=2)
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            known = ", ".join(w.options) if w.options else "none"
            raise ValueError(f"{keyword}: unknown option {option!r}{hint} (options: {known})")
        parts.append(f"{option}={_text(keyword, option, v, w.lists)}")
    return w.spec + (":" + ",".join(parts) if parts else "")


def split_wrapper_kwargs(kwargs: dict) -> tuple[dict, dict]:
    """(the wrapper keywords, the rest), each in the order given."""
    wrappers = {k: v for k, v in kwargs.items() if k in WRAPPER_KEYWORDS}
    rest = {k: v for k, v in kwargs.items() if k not in WRAPPER_KEYWORDS}
    return wrappers, rest


def wrapper_specs(wrappers, keywords: dict) -> tuple[list[str], dict[str, str]]:
    """The spec strings to apply, innermost first: the wrappers=[...] list
    (a single string works too), then the keyword wrappers in ORDER. Also
    returns {keyword: its _Wrapper} for those applied (to name them in errors)."""
    if wrappers is None:
        specs = []
    elif isinstance(wrappers, str):
        specs = [wrappers]
    else:
        specs = list(wrappers)
        for w in specs:
            if not isinstance(w, str):
                raise TypeError(f"wrappers are spec strings such as 'atari-preprocessing' or "
                                f"'frame-stack:stack_size=4', got {type(w).__name__}")
    from_keywords = {}
    for keyword in ORDER:
        if keyword in keywords:
            spec = _spec(keyword, keywords[keyword])
            if spec is not None:
                specs.append(spec)
                from_keywords[keyword] = WRAPPER_KEYWORDS[keyword]
    return specs, from_keywords


def name_keyword_in_error(error: ValueError, from_keywords: dict, keywords: dict) -> ValueError:
    """A C++ error about a wrapper ("frame-stack: stack_size must be ...")
    that came from a keyword argument, with that argument named."""
    message = str(error)
    for keyword, w in from_keywords.items():
        if message.startswith((w.spec + ":", w.cls + ":")):
            return ValueError(f"{message} (from {keyword}={keywords[keyword]!r})")
    return error
