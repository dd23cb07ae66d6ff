// Adam's step (PyTorch's formula: no weight decay, no AMSGrad) in one pass
// per parameter over p, grad, exp_avg and exp_avg_sq, with gradient-norm
// clipping folded in as a scale on the gradient. LibTorch's Adam::step makes
// ~8 passes over each tensor (mul_, add_, mul_, addcmul_, sqrt, div, add_,
// addcdiv_) and clip_grad_norm_ two more; the QR-DQN net has 2.3M parameters
// (9 MB per copy), so those passes took 2.4 ms of a 14 ms update.
//
// The state stays in the torch::optim::Adam it is given (its AdamParamState:
// step, exp_avg, exp_avg_sq, created as Adam creates them), so checkpoints
// (Adam::save/load) are unchanged and runs resume across the switch.
//
// LibTorch header: include only in the agent's .cpp files.
#pragma once

#include <torch/torch.h>

namespace ag::agent {

// One step over every parameter with a gradient. max_grad_norm > 0 scales
// the gradients by min(1, max_grad_norm / (norm + 1e-6)) first, as
// torch::nn::utils::clip_grad_norm_ does (norm: the 2-norm of all gradients
// together). Returns that norm (0 when clipping is off: not computed).
double fused_adam_step(torch::optim::Adam& adam, double max_grad_norm);

}  // namespace ag::agent
