// The Nature CNN's shapes (Mnih et al. 2015, the original project's network:
// conv 32x8x8/4, 64x4x4/2, 64x3x3/1 on 84x84 frames, fc 3136 -> 512 ->
// outputs) and the work of its passes, for the oneDNN learner and the
// profile's FLOP rates. No LibTorch here.
#pragma once

namespace ag::agent::nature_cnn {

constexpr int kSide = 84;  // input frames are kSide x kSide
constexpr int kHidden = 512;

// A convolution: out channels, kernel, stride, input side, output side.
struct ConvShape {
  int oc, k, s, in, out;
};
constexpr ConvShape kConv[3] = {{32, 8, 4, 84, 20}, {64, 4, 2, 20, 9}, {64, 3, 1, 9, 7}};
constexpr int kFeatures = kConv[2].oc * kConv[2].out * kConv[2].out;  // 3136
static_assert(kFeatures == 3136);

// FLOP per observation (a multiply-add counts 2), bias and ReLU left out.
struct PassFlops {
  double forward = 0;
  double backward = 0;  // weight gradients of every layer + input gradients of all but conv1
};
constexpr PassFlops flops(int in_channels, int outputs) {
  PassFlops f;
  double conv1 = 0;
  for (int l = 0; l < 3; ++l) {
    const ConvShape& c = kConv[l];
    const int ic = l == 0 ? in_channels : kConv[l - 1].oc;
    const double layer = 2.0 * c.out * c.out * c.oc * c.k * c.k * ic;
    if (l == 0) conv1 = layer;
    f.forward += layer;
  }
  f.forward += 2.0 * kFeatures * kHidden + 2.0 * kHidden * outputs;
  // conv1's input is data: no gradient wrt it.
  f.backward = 2 * f.forward - conv1;
  return f;
}

}  // namespace ag::agent::nature_cnn
