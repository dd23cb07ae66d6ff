// The Nature CNN's work per observation, against the sums done by hand
// (2 x multiply-adds of each layer, 4 input frames, 6 actions).
#include "agent/nature_cnn.hpp"

#include <gtest/gtest.h>

namespace ag::agent::nature_cnn {
namespace {

TEST(NatureCnn, FlopsPerObservationAreTheLayersMultiplyAdds) {
  const double conv1 = 2.0 * 20 * 20 * 32 * (8 * 8 * 4);  // 6,553,600
  const double conv2 = 2.0 * 9 * 9 * 64 * (4 * 4 * 32);   // 5,308,416
  const double conv3 = 2.0 * 7 * 7 * 64 * (3 * 3 * 64);   // 3,612,672
  const double fc1 = 2.0 * 3136 * 512, fc2 = 2.0 * 512 * 6;
  const PassFlops f = flops(4, 6);
  EXPECT_EQ(f.forward, 18'692'096.0);
  EXPECT_EQ(f.forward, conv1 + conv2 + conv3 + fc1 + fc2);
  // Weight gradients of all five layers, input gradients of all but conv1.
  EXPECT_EQ(f.backward, 30'830'592.0);  // 2 x 18,692,096 - conv1's 6,553,600
  // A QR head of 200 quantiles per action only widens the last layer.
  EXPECT_EQ(flops(4, 6 * 200).forward - f.forward, 2.0 * 512 * 6 * 199);
}

}  // namespace
}  // namespace ag::agent::nature_cnn
