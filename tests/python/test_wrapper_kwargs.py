"""Wrappers as keyword arguments of make() / make_vec() (atari_gym/_wrappers.py):
one keyword per C++ wrapper spec, the same env as the spec strings give,
bad keywords and values named in the error."""

import re

import numpy as np
import pytest

import atari_gym
from atari_gym import _wrappers


def specs(**keywords):
    return _wrappers.wrapper_specs(None, keywords)[0]


def test_keywords_map_one_to_one_onto_specs():
    assert specs(atari_preprocessing=True) == ["atari-preprocessing"]
    assert specs(atari_preprocessing=dict(noop_max=30, frame_skip=4, screen_size=(84, 64),
                                          terminal_on_life_loss=True, scale_obs=False)) == [
        "atari-preprocessing:noop_max=30,frame_skip=4,screen_size=84,64,"
        "terminal_on_life_loss=true,scale_obs=false"]
    assert specs(frame_stack=4) == ["frame-stack:stack_size=4"]
    assert specs(frame_stack=dict(stack_size=np.int64(3), padding_type="zero")) == [
        "frame-stack:stack_size=3,padding_type=zero"]
    assert specs(frame_stack=True) == ["frame-stack"]
    assert specs(clip_reward=True) == ["clip-reward"]
    assert specs(clip_reward=(-2, 2.5)) == ["clip-reward:min_reward=-2,max_reward=2.5"]
    assert specs(time_limit=1000) == ["time-limit:max_episode_steps=1000"]
    assert specs(record_episode_statistics=True) == ["record-episode-statistics"]
    assert specs(record_episode_statistics=50) == ["record-episode-statistics:buffer_length=50"]
    assert specs(episodic_life=True, fire_reset=True) == ["episodic-life", "fire-reset"]
    assert specs(skip_frame=2) == ["skip-frame:skip=2"]
    assert specs(action_space=[0, 1, 3]) == ["action-space:actions=0,1,3"]
    assert specs(action_space=np.array([0, 2])) == ["action-space:actions=0,2"]
    # False and None: no wrapper.
    assert specs(frame_stack=None, fire_reset=False, episodic_life=None) == []


def test_keywords_apply_in_the_documented_order_whatever_their_order():
    shuffled = dict(action_space=[0, 1], frame_stack=4, fire_reset=True, episodic_life=True,
                    clip_reward=True, record_episode_statistics=True, time_limit=100,
                    skip_frame=None, atari_preprocessing=True)
    assert specs(**shuffled) == [
        "atari-preprocessing", "time-limit:max_episode_steps=100", "record-episode-statistics",
        "clip-reward", "episodic-life", "fire-reset", "frame-stack:stack_size=4",
        "action-space:actions=0,1"]
    env = atari_gym.make("ALE/Breakout-v5", frameskip=1, **shuffled)
    assert str(env) == ("<ActionSpaceWrapper<FrameStackObservation<FireReset<EpisodicLife<"
                        "ClipReward<RecordEpisodeStatistics<TimeLimit<AtariPreprocessing<"
                        "AtariEnv<ALE/Breakout-v5>>>>>>>>>>")
    # wrappers=[...] first (innermost), then the keyword ones.
    assert _wrappers.wrapper_specs(["atari-preprocessing"], {"frame_stack": 4})[0] == [
        "atari-preprocessing", "frame-stack:stack_size=4"]


def test_python_table_matches_the_cpp_wrappers():
    """Every keyword's options are exactly those its C++ wrapper takes (the
    C++ error for an unknown option lists them)."""
    required = {"time_limit": "max_episode_steps=5,", "action_space": "actions=0,"}
    for keyword, w in _wrappers.WRAPPER_KEYWORDS.items():
        spec = f"{w.spec}:{required.get(keyword, '')}no_such_option=1"
        with pytest.raises(ValueError) as e:
            atari_gym.make("ALE/Pong-v5", frameskip=1, wrappers=[spec])
        listed = re.search(r"\(options: ([^)]*)\)", str(e.value))
        assert listed, (keyword, str(e.value))
        cpp = [o.strip() for o in listed.group(1).split(",") if o.strip()]
        assert sorted(cpp) == sorted(w.options), keyword
        assert str(e.value).startswith(w.spec + ":"), keyword
    # And every C++ wrapper has its keyword (the error for an unknown wrapper lists them).
    with pytest.raises(ValueError) as e:
        atari_gym.make("ALE/Pong-v5", wrappers=["no-such-wrapper"])
    listed = re.search(r"wrappers: (.*)$", str(e.value))
    assert listed, str(e.value)
    cpp = {w.strip() for w in listed.group(1).split(",")}
    assert cpp == {w.spec for w in _wrappers.WRAPPER_KEYWORDS.values()}


def rollout(env, steps=120, seed=4):
    obs, _ = env.reset(seed=seed)
    out = [obs.tobytes()]
    for t in range(steps):
        obs, r, term, trunc, info = env.step(t % env.action_space.n)
        out.append((obs.tobytes(), r, term, trunc, info.get("raw_reward")))
        if term or trunc:
            out.append(env.reset()[0].tobytes())
    return out


def test_same_env_as_the_spec_strings():
    by_keywords = atari_gym.make(
        "ALE/Breakout-v5", frameskip=1,
        atari_preprocessing=dict(noop_max=10, terminal_on_life_loss=True), clip_reward=True,
        frame_stack=dict(stack_size=3, padding_type="zero"))
    by_specs = atari_gym.make(
        "ALE/Breakout-v5", frameskip=1,
        wrappers=["atari-preprocessing:noop_max=10,terminal_on_life_loss=true", "clip-reward",
                  "frame-stack:stack_size=3,padding_type=zero"])
    assert str(by_keywords) == str(by_specs)
    assert by_keywords.observation_space == by_specs.observation_space
    assert rollout(by_keywords) == rollout(by_specs)


def test_make_vec_takes_the_same_keywords():
    kw = dict(frameskip=1, atari_preprocessing=dict(noop_max=5), frame_stack=2)
    vec = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1, **kw)
    spec_vec = atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1, frameskip=1,
                                  wrappers=["atari-preprocessing:noop_max=5",
                                            "frame-stack:stack_size=2"])
    assert vec.single_observation_space.shape == (2, 84, 84)
    a, _ = vec.reset(seed=1)
    b, _ = spec_vec.reset(seed=1)
    np.testing.assert_array_equal(a, b)
    for t in range(30):
        actions = np.array([t % 6, (t + 1) % 6])
        ra, rb = vec.step(actions), spec_vec.step(actions)
        for x, y in zip(ra[:4], rb[:4]):
            np.testing.assert_array_equal(x, y)


def test_spec_records_the_keywords():
    env = atari_gym.make("ALE/Pong-v5", frameskip=1, atari_preprocessing=True, frame_stack=4)
    assert env.spec.kwargs["frame_stack"] == 4 and env.spec.kwargs["atari_preprocessing"] is True
    if isinstance(env.spec, atari_gym.EnvSpec):  # without gymnasium
        assert env.spec.wrappers == ("atari-preprocessing", "frame-stack:stack_size=4")


@pytest.mark.parametrize("make", [
    lambda **kw: atari_gym.make("ALE/Pong-v5", frameskip=1, **kw),
    lambda **kw: atari_gym.make_vec("ALE/Pong-v5", 2, num_threads=1, frameskip=1, **kw),
])
def test_bad_keywords_and_values_name_them(make):
    # An unknown keyword: TypeError, as Python raises, with close matches.
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'frame_stak'.*frame_stack"):
        make(frame_stak=4)
    # An unknown option of a wrapper: ValueError naming the keyword and the option.
    with pytest.raises(ValueError, match=r"atari_preprocessing: unknown option 'noop'.*noop_max"):
        make(atari_preprocessing=dict(noop=3))
    # A value the C++ wrapper rejects: its message, and the keyword it came from.
    with pytest.raises(ValueError, match=r"stack_size.*\(from frame_stack=0\)"):
        make(frame_stack=0)
    with pytest.raises(ValueError, match=r"padding_type.*\(from frame_stack="):
        make(frame_stack=dict(padding_type="mirror"))
    with pytest.raises(ValueError, match=r"needs max_episode_steps.*\(from time_limit=True\)"):
        make(time_limit=True)
    with pytest.raises(ValueError, match=r"action 9.*\(from action_space=\[0, 9\]\)"):
        make(action_space=[0, 9])
    with pytest.raises(ValueError, match=r"noop_max.*must be an integer"):
        make(atari_preprocessing=dict(noop_max="many"))
    # Values of a type no option takes, and text that would smuggle in options.
    with pytest.raises(TypeError, match=r"fire_reset=3: expected True or False"):
        make(fire_reset=3)
    with pytest.raises(TypeError, match=r"atari_preprocessing=30: expected True or a dict"):
        make(atari_preprocessing=30)
    with pytest.raises(TypeError, match=r"frame_stack: option 'stack_size'.*list"):
        make(frame_stack=[4])
    with pytest.raises(ValueError, match=r"frame_stack: option 'padding_type'"):
        make(frame_stack=dict(padding_type="zero,stack_size=9"))
    with pytest.raises(ValueError, match=r"action_space: option 'actions' must be a non-empty"):
        make(action_space=[])
