// What the learner's tests share: the parameters as one vector, replay rows
// with structure (so conv features differ between states), and whether
// Debian's PyTorch is there to check against.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "agent/q_network.hpp"

namespace ag::agent::fixtures {

inline bool python_has_torch() {
  return std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
}

// Every parameter, in named_parameters() order, flattened.
inline std::vector<float> flat(QNetwork& net) {
  std::vector<float> out;
  for (const auto& p : net->parameters()) {
    const torch::Tensor c = p.detach().contiguous();
    out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  }
  return out;
}

// Every parameter's gradient (.grad, as the last update left it), in
// named_parameters() order, flattened; zeros where a parameter has none.
inline std::vector<float> flat_grads(QNetwork& net) {
  std::vector<float> out;
  for (const auto& p : net->parameters()) {
    if (!p.grad().defined()) {
      out.insert(out.end(), static_cast<size_t>(p.numel()), 0.f);
      continue;
    }
    const torch::Tensor c = p.grad().detach().contiguous();
    out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  }
  return out;
}

// A 4x84x84 stack: a bright 12x12 block at a random place, moving one pixel
// right per frame, over dark noise.
inline void structured_stack(std::mt19937& rng, uint8_t* f) {
  const int x0 = static_cast<int>(rng() % 70), y0 = static_cast<int>(rng() % 70);
  for (int k = 0; k < 4; ++k)
    for (int y = 0; y < 84; ++y)
      for (int x = 0; x < 84; ++x) {
        const bool block = x >= x0 + k && x < x0 + k + 12 && y >= y0 && y < y0 + 12;
        f[(k * 84 + y) * 84 + x] = static_cast<uint8_t>(block ? 200 + rng() % 56 : rng() % 40);
      }
}

// One replay row: its two stacks, an action, a return in [-1, 1], and a
// discount: 0 (terminal) a quarter of the time, else 0.99^3 or 0.99.
struct Row {
  int64_t action;
  float ret, discount;
};
inline Row structured_row(std::mt19937& rng, int actions, uint8_t* state, uint8_t* next_state) {
  structured_stack(rng, state);
  structured_stack(rng, next_state);
  Row r;
  r.action = static_cast<int64_t>(rng() % actions);
  r.ret = static_cast<float>(static_cast<int>(rng() % 201) - 100) / 100.f;
  const int kind = static_cast<int>(rng() % 4);
  r.discount = kind == 0 ? 0.f : kind == 1 ? 0.970299f : 0.99f;
  return r;
}

}  // namespace ag::agent::fixtures
