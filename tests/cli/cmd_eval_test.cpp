// The main job: `atari-gym` with no arguments (and `eval` without
// --checkpoint) evaluates the shipped agent, found through the model search
// path (agent/shipped_model.hpp); without one, a one-line error says where
// it looked and how to provide a model. A small corridor run stands in for
// the shipped model here ($ATARI_GYM_MODEL_DIR points at its folder).
#include <gtest/gtest.h>

#include "cli/run_cli.hpp"

using ag::test::CliOptions;
using ag::test::contains;
using ag::test::fresh_temp_dir;
using ag::test::last_line;
using ag::test::run_cli;
namespace fs = std::filesystem;

namespace {

class ShippedModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fresh_temp_dir("shipped-model"));
    const auto r = run_cli({"train", "--env", "atari-gym/Corridor-v0", "--steps", "300",
                            "--run-dir", (*dir_ / "run").string(), "--set", "replay_size=2000",
                            "--set", "burnin=100", "--set", "life_loss=none", "--set",
                            "num_envs=2", "--set", "eval_every=0", "--threads", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static CliOptions with_model_dir(const fs::path& d) {
    CliOptions o;
    o.env = {{"ATARI_GYM_MODEL_DIR", d.string()}};
    return o;
  }
  static fs::path* dir_;
};
fs::path* ShippedModel::dir_ = nullptr;

TEST_F(ShippedModel, NoArgumentsEvaluateItForTenGames) {
  const auto r = run_cli({}, with_model_dir(*dir_ / "run"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "model: " + (*dir_ / "run" / "model.pt").string())) << r.out;
  EXPECT_TRUE(contains(r.out, "protocol: env=atari-gym/Corridor-v0")) << r.out;
  EXPECT_TRUE(contains(r.out, "game 9: seed=9")) << r.out;
  EXPECT_TRUE(contains(last_line(r.out), "eval: episodes=10 mean=")) << r.out;
}

TEST_F(ShippedModel, EvalWithoutCheckpointTakesItWithTheGivenOptions) {
  const auto r = run_cli({"eval", "--episodes", "2", "--seed", "5"}, with_model_dir(*dir_ / "run"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "game 1: seed=6")) << r.out;
  EXPECT_TRUE(contains(last_line(r.out), "eval: episodes=2 mean=")) << r.out;
}

TEST_F(ShippedModel, MissingModelIsAOneLineErrorSayingHowToProvideOne) {
  const fs::path empty = *dir_ / "empty";
  fs::create_directories(empty);
  for (const auto& args : {std::vector<std::string>{}, std::vector<std::string>{"eval"}}) {
    const auto r = run_cli(args, with_model_dir(empty));
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_TRUE(contains(r.err, "no shipped model")) << r.err;
    EXPECT_TRUE(contains(r.err, empty.string())) << r.err;
    EXPECT_TRUE(contains(r.err, "--checkpoint PATH")) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // one line
    EXPECT_EQ(r.out, "");
  }
}

}  // namespace
