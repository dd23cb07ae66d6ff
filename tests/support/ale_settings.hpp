// AleSettings the environment tests share.
#pragma once

#include "env/ale_env.hpp"

namespace ag::test {

// ALE's defaults without sticky actions: each frame's action is the one given.
inline env::AleSettings no_sticky() {
  env::AleSettings s;
  s.repeat_action_probability = 0.0f;
  return s;
}

}  // namespace ag::test
