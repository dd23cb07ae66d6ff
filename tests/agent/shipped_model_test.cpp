// The shipped Space Invaders model (models/space_invaders/, issue #13) loads
// into the original project's network in PyTorch with strict=True and gives
// the Q-values atari-gym acts on, for observations of the real game. Skipped
// (saying why) until a model is shipped, or without Debian's python3-torch.
#include "agent/shipped_model.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "agent/config.hpp"
#include "agent/env_factory.hpp"
#include "agent/learner_fixtures.hpp"
#include "agent/policy.hpp"
#include "agent/rng.hpp"
#include "gym/env.hpp"
#include "support/temp_files.hpp"

namespace ag::agent {
namespace {

namespace fs = std::filesystem;

TEST(ShippedModelFile, OriginalNetworkLoadsItStrictAndGivesItsQValues) {
  const fs::path model = fs::path(AG_SOURCE_DIR) / kShippedModelDir / kShippedModelFile;
  if (!fs::exists(model)) GTEST_SKIP() << "no model shipped yet: " << model;
  if (!fixtures::python_has_torch())
    GTEST_SKIP() << "needs /usr/bin/python3 with torch (Debian: python3-torch)";
  const LoadedPolicy policy = load_policy(model);
  const int actions = policy.q->actions();
  ASSERT_EQ(actions, 6) << "Space Invaders' minimal action set";
  ASSERT_FALSE(policy.config.dueling) << "a dueling head cannot load into the original's net";

  // Observations of the game as eval plays it: after the reset, then every
  // 25th of 200 random steps.
  auto env = make_env(policy.config, EnvPurpose::kEval);
  const size_t bytes = env->observation_space().num_bytes();
  std::vector<uint8_t> obs;
  Rng rng(7);
  env->reset(7);
  for (int t = 0; t <= 200; ++t) {
    if (t % 25 == 0) {
      const auto* o = static_cast<const uint8_t*>(env->observation_data());
      obs.insert(obs.end(), o, o + bytes);
    }
    const auto s = env->step(static_cast<int>(rng.below(actions)));
    if (s.terminated || s.truncated) env->reset(8 + t);
  }
  const int n = static_cast<int>(obs.size() / bytes);
  std::vector<float> q(static_cast<size_t>(n) * actions);
  policy.q->q_values(obs.data(), n, q.data());

  const ag::test::TempDir d("shipped");
  std::ofstream(d / "obs.u8", std::ios::binary)
      .write(reinterpret_cast<const char*>(obs.data()), static_cast<std::streamsize>(obs.size()));
  std::ofstream(d / "q.f32", std::ios::binary)
      .write(reinterpret_cast<const char*>(q.data()), static_cast<std::streamsize>(q.size() * 4));
  const std::string cmd = "/usr/bin/python3 '" + std::string(AG_SOURCE_DIR) +
                          "/tests/agent/load_in_pytorch.py' '" + model.string() + "' '" +
                          (d / "obs.u8").string() + "' '" + (d / "q.f32").string() + "' " +
                          std::to_string(actions) + " 0 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr) << cmd;
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  const int rc = pclose(p);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("keys=20"), std::string::npos) << out;  // online.* and target.*, 10 each
}

}  // namespace
}  // namespace ag::agent
