// read_run_curve(): what `atari-gym plot` charts from a run folder's CSVs,
// column by column, as MetricLogger writes them.
#include "agent/run_curves.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "support/temp_files.hpp"

namespace ag::agent {
namespace {

namespace fs = std::filesystem;

class RunCurvesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "episodes.csv")
        << "episode,step,env,reward,length,mean_loss,mean_q,epsilon,game_return,game_length,"
           "wall_time\n"
        << "1,100,0,5,50,0.5,1.5,0.1,,0,1796550000\n"      // a life lost, the game goes on
        << "2,200,1,7,60,0.25,2.5,0.1,30,170,1796550001\n"  // a game ended: 30 over 170 steps
        << "3,300,0,9,70,0.125,3.5,0.1,45,2";                // cut by a kill mid-row
  }
  void write_evals(const std::string& rows) {
    std::ofstream(dir_ / "evals.csv") << "step,episodes,mean,std,min,max,median,wall_time\n"
                                      << rows;
  }
  const ag::test::TempDir dir_{"run-curves"};
};

TEST_F(RunCurvesTest, EpisodeMetricsReadTheirColumnsAndSkipCutRows) {
  RunCurve r = read_run_curve(dir_, "episodic_return");
  EXPECT_EQ(r.steps, (std::vector<double>{200}));  // only rows where a game ended
  EXPECT_EQ(r.values, (std::vector<double>{30}));
  EXPECT_TRUE(r.spread.empty());
  EXPECT_EQ(read_run_curve(dir_, "episodic_length").values, (std::vector<double>{170}));
  EXPECT_EQ(read_run_curve(dir_, "td_loss").values, (std::vector<double>{0.5, 0.25}));
  EXPECT_EQ(read_run_curve(dir_, "q_values").values, (std::vector<double>{1.5, 2.5}));
  EXPECT_EQ(r.label, dir_.path().filename().string());
  EXPECT_THROW(read_run_curve(dir_, "fps"), std::invalid_argument);
}

TEST_F(RunCurvesTest, EvalReturnReadsEachEvaluationsMeanAndStd) {
  // min/max/median differ from mean/std, so a wrong column shows.
  write_evals("1000,30,319.5,131,110,570,337.5,1796550000\n"
              "2000,30,498.5,,290,775,470,1796550100\n"  // no std: a gap in the band
              "3000,10,627.5,188.25,375,1045,590,1796550200\n"
              "4000,30,700");                            // cut by a kill
  const RunCurve r = read_run_curve(dir_, "eval_return");
  EXPECT_EQ(r.steps, (std::vector<double>{1000, 2000, 3000}));
  EXPECT_EQ(r.values, (std::vector<double>{319.5, 498.5, 627.5}));
  ASSERT_EQ(r.spread.size(), 3u);
  EXPECT_EQ(r.spread[0], 131);
  EXPECT_TRUE(std::isnan(r.spread[1]));
  EXPECT_EQ(r.spread[2], 188.25);
}

TEST_F(RunCurvesTest, EvalReturnWithoutEvaluationsIsANamedError) {
  try {
    read_run_curve(dir_, "eval_return");
    FAIL() << "no error";
  } catch (const RunCurveError& e) {
    EXPECT_NE(std::string(e.what()).find("no readable evals.csv"), std::string::npos) << e.what();
  }
  write_evals("");
  try {
    read_run_curve(dir_, "eval_return");
    FAIL() << "no error";
  } catch (const RunCurveError& e) {
    EXPECT_NE(std::string(e.what()).find("no evaluation has finished"), std::string::npos)
        << e.what();
  }
  std::ofstream(dir_ / "evals.csv") << "step,episodes,mean\n1000,30,319.5\n";  // no std column
  EXPECT_THROW(read_run_curve(dir_, "eval_return"), RunCurveError);
}

}  // namespace
}  // namespace ag::agent
