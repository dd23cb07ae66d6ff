// The net's input (agent/net_input.hpp): every byte value as LibTorch's
// to(float).div_(255) gives it, bit for bit, and each pixel's channels side
// by side (channels-last), for the 4-frame stack's fast path and others.
#include "agent/net_input.hpp"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstring>
#include <random>
#include <vector>

namespace ag::agent {
namespace {

TEST(NetInput, EveryByteIsLibTorchsDivisionBitForBit) {
  const torch::Tensor bytes = torch::arange(256, torch::kUInt8);
  const torch::Tensor want = bytes.to(torch::kFloat32).div_(255.0f);
  std::vector<float> got(256);
  bytes_to_unit(bytes.data_ptr<uint8_t>(), got.data(), 256);
  for (int x = 0; x < 256; ++x) {
    const float w = want[x].item<float>();
    EXPECT_EQ(std::memcmp(&got[x], &w, sizeof w), 0) << x << ": " << got[x] << " vs " << w;
  }
  // A product by the reciprocal alone would not do (it differs for x = 3).
  EXPECT_NE(3.f * (1.f / 255.f), want[3].item<float>());
}

TEST(NetInput, ChannelsGoLastForEveryStackDepth) {
  std::mt19937 rng(3);
  for (int c : {4, 1, 3, 8}) {
    const int batch = 3, pixels = 84 * 84;
    std::vector<uint8_t> obs(static_cast<size_t>(batch) * c * pixels);
    for (auto& v : obs) v = static_cast<uint8_t>(rng());
    std::vector<float> x(obs.size(), -1.f);
    observations_to_input(obs.data(), x.data(), batch, c);
    const torch::Tensor want = torch::from_blob(obs.data(), {batch, c, 84, 84}, torch::kUInt8)
                                   .to(torch::kFloat32)
                                   .div_(255.0f)
                                   .permute({0, 2, 3, 1})
                                   .contiguous();
    EXPECT_EQ(std::memcmp(x.data(), want.data_ptr<float>(), x.size() * sizeof(float)), 0)
        << c << " channels";
  }
}

// onednn_bf16's input: each byte's fp32 value rounded to the nearest bf16
// (ties to even), as LibTorch's .to(torch.bfloat16) rounds it, in the same
// channels-last order as the fp32 input.
TEST(NetInput, Bf16InputIsTheFp32InputRoundedToNearestEven) {
  const torch::Tensor unit = torch::arange(256, torch::kUInt8).to(torch::kFloat32).div_(255.0f);
  const torch::Tensor want = unit.to(torch::kBFloat16);
  for (int x = 0; x < 256; ++x) {
    uint16_t w;
    std::memcpy(&w, static_cast<const char*>(want.data_ptr()) + 2 * x, 2);
    EXPECT_EQ(to_bf16(unit[x].item<float>()), w) << x;
  }
  std::mt19937 rng(5);
  const int batch = 3, c = 4, n = batch * c * 84 * 84;
  std::vector<uint8_t> obs(n);
  for (auto& b : obs) b = static_cast<uint8_t>(rng());
  std::vector<float> x(n);
  std::vector<uint16_t> x16(n);
  observations_to_input(obs.data(), x.data(), batch, c);
  observations_to_input_bf16(obs.data(), x16.data(), batch, c);
  for (int i = 0; i < n; ++i) ASSERT_EQ(x16[i], to_bf16(x[i])) << i;
}

}  // namespace
}  // namespace ag::agent
