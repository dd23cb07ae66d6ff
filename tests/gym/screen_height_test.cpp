// Games whose screen is not 210 rows: the 10 PAL ROMs (250 rows, PAL
// palette) and three NTSC ROMs with a taller display (carnival 214,
// journey_escape 230, pooyan 220). Their gym observations have the ROM's own
// height and colours in every obs_type, render(), AtariPreprocessing and the
// vector env's batch, as ale-py's (observation_space from getScreenDims()).
//
// The golden sequences below were recorded from real ALE 0.12.1 (commit
// 8a8fafb1ac37796e3e8197a2e5727204fa1b926d) with ale-py's and Gymnasium's
// semantics and OpenCV's cv::resize(INTER_AREA), by
// tools/ale-side-by-side/gym_rollout.cpp (see docs/gym.md).
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "env/game.hpp"
#include "gym/atari_env.hpp"
#include "gym/atari_preprocessing.hpp"
#include "gym/registry.hpp"
#include "gym/vector_env.hpp"
#include "support/paths.hpp"

namespace ag::gym {
namespace {

std::vector<std::filesystem::path> rom_dirs() {
  return {test::shared_dir() / "roms"};
}

uint32_t crc(const void* p, size_t n) {
  return static_cast<uint32_t>(crc32(0, static_cast<const Bytef*>(p), static_cast<uInt>(n)));
}
uint32_t crc(const Observation& obs) {
  return crc(obs.data(), obs.num_bytes());
}

AtariEnv& atari(Env& env) {
  return dynamic_cast<AtariEnv&>(env.unwrapped());
}

struct Screen {
  const char* id;
  int height;
  bool pal;
};
// A PAL id, a tall NTSC id, a 210-row id.
const Screen kScreens[] = {
    {"ALE/AirRaid-v5", 250, true}, {"ALE/Pooyan-v5", 220, false}, {"ALE/Pong-v5", 210, false}};

std::string box(const std::vector<int>& shape) {
  Box b{0, 255, shape, DType::kUInt8};
  return b.str();
}

TEST(ScreenHeight, EveryObsTypeHasTheRomsScreen) {
  for (const Screen& s : kScreens) {
    SCOPED_TRACE(s.id);
    auto rgb = make(s.id, {}, rom_dirs());
    auto gray = make(s.id, {{"obs_type", "grayscale"}}, rom_dirs());
    auto ram = make(s.id, {{"obs_type", "ram"}}, rom_dirs());
    EXPECT_EQ(rgb->observation_space().str(), box({s.height, 160, 3}));
    EXPECT_EQ(gray->observation_space().str(), box({s.height, 160}));
    EXPECT_EQ(ram->observation_space().str(), "Box(0, 255, (128,), uint8)");
    EXPECT_EQ(atari(*rgb).screen_height(), s.height);
    EXPECT_EQ(atari(*rgb).ale().screen_height(), s.height);
    EXPECT_EQ(atari(*rgb).tv_standard() == emu::TvStandard::Pal, s.pal);
    EXPECT_EQ(atari(*rgb).frame_rate(), s.pal ? 50 : 60);

    // The bytes: every row, in the game's palette (AleEnv converts with the
    // console's TV standard, as ALE's getScreenRGB / getScreenGrayscale).
    rgb->reset(3);
    gray->reset(3);
    for (int t = 0; t < 40; ++t) {
      rgb->step(t % rgb->action_space().n);
      gray->step(t % gray->action_space().n);
    }
    std::vector<uint8_t> want_rgb(static_cast<size_t>(s.height) * 160 * 3);
    atari(*rgb).ale().screen_rgb(want_rgb.data());
    const auto got_rgb = rgb->observation().u8();
    ASSERT_EQ(got_rgb.size(), want_rgb.size());
    EXPECT_TRUE(std::equal(want_rgb.begin(), want_rgb.end(), got_rgb.begin()));
    EXPECT_EQ(atari(*rgb).render(), want_rgb) << "render() is the rgb screen";
    std::vector<uint8_t> want_gray(static_cast<size_t>(s.height) * 160);
    atari(*gray).ale().screen_grayscale(want_gray.data());
    const auto got_gray = gray->observation().u8();
    ASSERT_EQ(got_gray.size(), want_gray.size());
    EXPECT_TRUE(std::equal(want_gray.begin(), want_gray.end(), got_gray.begin()));
    // The rows past 210 are drawn (not left black) on these games.
    if (s.height > 210) {
      std::vector<uint8_t> lower(want_gray.begin() + 210 * 160, want_gray.end());
      EXPECT_NE(std::count(lower.begin(), lower.end(), uint8_t{0}),
                static_cast<long>(lower.size()));
    }
  }
}

TEST(ScreenHeight, AtariPreprocessingResizesTheWholeScreen) {
  for (const Screen& s : kScreens) {
    SCOPED_TRACE(s.id);
    auto gray = make_wrapped(s.id, {{"frameskip", 1}}, {"atari-preprocessing"}, rom_dirs());
    EXPECT_EQ(gray->observation_space().str(), box({84, 84}));
    auto rgb =
        make_wrapped(s.id, {{"frameskip", 1}},
                     {"atari-preprocessing:grayscale_obs=false,screen_size=64,80"}, rom_dirs());
    EXPECT_EQ(rgb->observation_space().str(), box({80, 64, 3}));
    rgb->reset(1);
    rgb->step(0);
    EXPECT_EQ(rgb->observation().u8().size(), 80u * 64 * 3);
  }
}

TEST(ScreenHeight, VectorEnvBatchHoldsWholeScreens) {
  for (const Screen& s : kScreens) {
    SCOPED_TRACE(s.id);
    auto vec =
        make_vector(s.id, 2, {{"obs_type", "grayscale"}}, {}, {.num_threads = 2}, rom_dirs());
    EXPECT_EQ(vec->observation_shape(), (std::vector<int>{2, s.height, 160}));
    vec->reset(5);
    vec->step(std::vector<int>{1, 0});
    const size_t slot = static_cast<size_t>(s.height) * 160;
    for (int i = 0; i < 2; ++i) {
      auto single = make(s.id, {{"obs_type", "grayscale"}}, rom_dirs());
      single->reset(5 + i);
      const auto o = single->step(i == 0 ? 1 : 0).obs.u8();
      ASSERT_EQ(o.size(), slot);
      EXPECT_EQ(0, std::memcmp(o.data(), vec->observations_u8() + i * slot, slot)) << "env " << i;
    }
  }
}

// The 13 games whose screen is not 210 rows, and only they.
TEST(ScreenHeight, ThirteenGamesHaveAnotherScreen) {
  const std::map<std::string, std::pair<int, bool>> want = {
      {"adventure", {250, true}}, {"air_raid", {250, true}},  {"keystone_kapers", {250, true}},
      {"king_kong", {250, true}}, {"klax", {250, true}},      {"laser_gates", {250, true}},
      {"mr_do", {250, true}},     {"pacman", {250, true}},    {"sir_lancelot", {250, true}},
      {"space_war", {250, true}}, {"carnival", {214, false}}, {"journey_escape", {230, false}},
      {"pooyan", {220, false}}};
  std::map<std::string, std::pair<int, bool>> got;
  int games = 0;
  for (const auto& g : env::all_games()) {
    ++games;
    auto env = make("ALE/" + game_id_name(g.rom) + "-v5", {{"obs_type", "grayscale"}}, rom_dirs());
    const AtariEnv& a = atari(*env);
    EXPECT_EQ(env->observation_space().shape[0], a.screen_height()) << g.rom;
    if (a.screen_height() != 210 || a.tv_standard() != emu::TvStandard::Ntsc)
      got[std::string(g.rom)] = {a.screen_height(), a.tv_standard() == emu::TvStandard::Pal};
  }
  EXPECT_EQ(games, 104);
  EXPECT_EQ(got, want);
}

// Golden observation crc32s from real ALE + OpenCV: the reset observation,
// then one per step, for rollout's loop (seed 7; an episode end resets
// without a seed). Settings:
//   rgb:  ALE/<Game>-v5 (frameskip 4, sticky actions 0.25)
//   gray: the same with obs_type=grayscale
//   pre:  frameskip=1, repeat_action_probability=0, AtariPreprocessing(noop_max=0)
//         + FrameStackObservation(4)
struct Golden {
  const char* id;
  const char* actions;  // one action per step, as digits
  std::vector<uint32_t> rgb, gray, pre;
};

std::vector<uint32_t> rollout_crcs(const std::string& id, const Options& options,
                                   const std::vector<std::string>& wraps, const char* actions) {
  auto env = make_wrapped(id, options, wraps, rom_dirs());
  std::vector<uint32_t> out = {crc(env->reset(7).obs)};
  for (const char* a = actions; *a; ++a) {
    const StepResult s = env->step(*a - '0');
    out.push_back(crc(s.obs));
    if (s.terminated || s.truncated) env->reset();
  }
  return out;
}

const Golden kGolden[] = {
    {"ALE/AirRaid-v5",
     "000000033334555555555555555555555555555554444444400223333331",
     // rgb
     {0x20eb64f4, 0x039f95ec, 0xc0fa77ee, 0xdbf9bdfc, 0xc2c98f38, 0x6da18b08, 0xf3972d07,
      0x238cc801, 0xb302cb4d, 0x19f65e2c, 0xd394c9df, 0xad088531, 0x4db0215c, 0x1b14c614,
      0x386e7e84, 0x485548ce, 0xd0a277c3, 0xc05de74d, 0x778bbaf0, 0x050a5dcd, 0x9c9f11c4,
      0xe72f638d, 0x5af1c2a4, 0xf6c3a147, 0x8079ad15, 0x6de65188, 0x31bd698b, 0x23c67539,
      0x26ba46d4, 0x5d1b6e82, 0xed254168, 0x1bd7a053, 0x2aaebc0e, 0xd0b727c0, 0x9a472502,
      0xbdb2ea2b, 0x8a78e0fc, 0xd0582ea2, 0x74f84bb5, 0x186ee6d5, 0x3fd521c5, 0x3675b870,
      0x26a34674, 0x7c917ce5, 0x99a6fe75, 0x28d644e1, 0x7f041961, 0xb0751249, 0xa2d6f835,
      0x39dfc34e, 0x34b54eee, 0x5efd7f9a, 0x631e136a, 0xa0364212, 0xe3fb5811, 0x849b6522,
      0x431c9b68, 0x65f62f18, 0x1043ffe7, 0xe637ec49, 0x264df5ad},
     // gray
     {0xa2255528, 0xc6089c2b, 0x2e98de59, 0x978c02b2, 0xc9b2b546, 0x197eb05a, 0x43a58294,
      0x8aac6550, 0x36e98f1f, 0x853c0a3a, 0xf98ca06d, 0x64e9efeb, 0x3da4be88, 0x340e4f36,
      0xb8294688, 0x0f9dda81, 0x2c3f55f8, 0xdc4e8302, 0x3f2d4c18, 0x649c382a, 0x422bbacf,
      0xdfeb2fbe, 0x400ec99f, 0xf9d0f0f4, 0xdd3aeb3a, 0xcabb2386, 0x0b2ef2f3, 0xe3557cb9,
      0x91185c54, 0x79833479, 0xfcc00f4a, 0xd4520f0d, 0xebee9bae, 0xa62035dc, 0x94af7ca8,
      0x18c4076a, 0x768e59d4, 0x7d992a5a, 0xb4113a21, 0x7d8f3587, 0x23fbeceb, 0x81ab9abb,
      0x78ef1b2e, 0xd2e89d25, 0x57a46e1f, 0xc64fd7d1, 0xcabcd2cc, 0xd106395b, 0xe7821754,
      0x3cf6f2a0, 0x7a1c9bbe, 0x842e8c94, 0xbc319986, 0x0647de85, 0xc97cdb6f, 0xfdc7b484,
      0x9254cc6e, 0xa52e16eb, 0x773ebf0b, 0xb82d7d89, 0x655006ff},
     // pre
     {0xd54ada32, 0xb23e936c, 0xd3031925, 0x98a31239, 0x025e6ceb, 0x7657965f, 0x8813221e,
      0xa7d09ed3, 0xbd9ef465, 0xd5d70275, 0x3f889da8, 0xbf7d0af7, 0xb7627d86, 0x631e19f2,
      0x29a85ced, 0x096f2bb4, 0xedcd6897, 0x152130a4, 0xe7c43e9a, 0x3add2c64, 0xde06324f,
      0x553f6073, 0x708bf89a, 0x983ada30, 0x44779300, 0xf29724a8, 0xc1bfda41, 0x5f6c04d0,
      0xca84130e, 0x2658a010, 0xc654e10e, 0xab102aa1, 0x7fc1a491, 0xe5f9b009, 0xca5e667a,
      0xa1600c92, 0x198e6a54, 0xd280a3d6, 0x82c568c8, 0x07d3d33b, 0x9f76ba53, 0xcb54c6f4,
      0x047a2d6c, 0x47deabab, 0x250e3d8f, 0x2b2769e5, 0x82bc7515, 0x327e7369, 0x251c222a,
      0x1a239c44, 0x01cdfc23, 0xa50c9ea2, 0x6e7ab605, 0xf1fd43ba, 0x0da86968, 0x33d7ae06,
      0x4f5a64da, 0x860e83cb, 0xb87fb982, 0xb8d42d32, 0x7809ca12}},
    {"ALE/Pooyan-v5",
     "444442222222555555533335555222222233333000033333333333344444",
     // rgb
     {0xc345adfa, 0xd5c77670, 0x73b647b0, 0x999147fa, 0x49c83804, 0xbd2f822b, 0x1557acdc,
      0xa16bf55c, 0xd689abc8, 0x96c15b8b, 0x9a1dc1ef, 0x23a95260, 0x6b39d872, 0x5a20c677,
      0x1516f8b9, 0x1de5fcea, 0x1e2b0af6, 0xf98172a5, 0x5bb7f909, 0x355c3dcb, 0x03620b69,
      0x04be9b13, 0x3ad20b13, 0x64ce870e, 0xa2edb55e, 0x5fd937b2, 0x7d629284, 0xfdbabf7f,
      0x994d339a, 0xef7c6691, 0xd3d3f6c0, 0xf40ae998, 0xa86643e5, 0x52f07595, 0xcd043773,
      0x268dfb90, 0x19166f23, 0xd34424e6, 0x21c3860b, 0xea50dbc8, 0xa5c889cf, 0x2809ca9a,
      0x03a90071, 0x12a88338, 0x7ae8c7d1, 0x4b2aa401, 0x7bbc33db, 0xf44869a9, 0x37e47d25,
      0x38ccf5fc, 0x830ada5a, 0xec286f8b, 0xad41c30b, 0x6bef09f6, 0x6bef09f6, 0x70adf868,
      0x70adf868, 0x6bef09f6, 0x6bef09f6, 0x70adf868, 0x70adf868},
     // gray
     {0x2bb6098a, 0x06d29b46, 0x97dbd7ad, 0x2880a724, 0xf8851bb1, 0x9d1c5d26, 0x66e54fe9,
      0x87c14fa0, 0x683c2dc9, 0x00404d63, 0x7407fc7a, 0xd8243917, 0x3929b83d, 0xf43df0d3,
      0x893c5547, 0x3b5e346b, 0x3a8d518d, 0x90c79c9c, 0xa7de8e8e, 0x5ed26a5e, 0x4027da2c,
      0x230d04f5, 0xa8a9d3a0, 0xfdf8b55f, 0x65f7b060, 0x4b80a0c6, 0x7ed42b36, 0x77bb4c70,
      0x2db2c27e, 0x6d825a52, 0x0b90fa7a, 0xb1660f0d, 0x5f8509d2, 0x96d844ee, 0xc7ee3c8c,
      0x6f246561, 0xe652d5a1, 0x001d13ee, 0x3417e338, 0x9c08ba48, 0xf7794569, 0x1df765a7,
      0x3a21f1c2, 0xad2b510e, 0x20b1b309, 0x3ffb5478, 0xc6cf75ca, 0x090086fb, 0x3c14b617,
      0xc057fb05, 0xbfc2d8a8, 0xccfd97e1, 0xa47f71f9, 0x0ef2844d, 0x0ef2844d, 0xf417abc0,
      0xf417abc0, 0x0ef2844d, 0x0ef2844d, 0xf417abc0, 0xf417abc0},
     // pre
     {0x59f3c73b, 0xf8a8ba93, 0x3e6d2497, 0x49a307d4, 0xef93416a, 0xd699496a, 0x61677cf8,
      0x6d09035e, 0x65e5db71, 0xe9710010, 0xee884072, 0x7397c88f, 0x55f9a3fe, 0x019278a9,
      0xc79565bd, 0xc9388645, 0x7f8ab3c3, 0x59a31aad, 0x7e407604, 0xeea59d37, 0x880017f3,
      0xe774370e, 0xa31fcb74, 0xf73e45d6, 0xa6c8544f, 0x37e1170f, 0x0ade3297, 0x710108b1,
      0xdf3d4c5f, 0x8df20278, 0xbef218fc, 0x40da136e, 0xa1edc6e5, 0x6fdffa9d, 0xa042ab64,
      0xd4db04e6, 0x726aa2ef, 0x9cc88430, 0x471fdef9, 0x5e4fe715, 0x2e8999e7, 0xb31b4f1d,
      0x5f6ea4fc, 0x35591ae0, 0x84c4008c, 0x54535d56, 0x00c765d7, 0xde7ca552, 0xa996ae6b,
      0x4c86793d, 0x72435ac4, 0x311419b8, 0xb9a9395f, 0xf0bfc14f, 0x531c2a88, 0xebd9e1ac,
      0x31124d34, 0x9a183393, 0x0be8683e, 0xa0e21699, 0x31124d34}},
};

TEST(ScreenHeight, ObservationsEqualAleAndOpenCvsOnAPalAndATallNtscGame) {
  for (const Golden& g : kGolden) {
    SCOPED_TRACE(g.id);
    EXPECT_EQ(rollout_crcs(g.id, {}, {}, g.actions), g.rgb);
    EXPECT_EQ(rollout_crcs(g.id, {{"obs_type", "grayscale"}}, {}, g.actions), g.gray);
    EXPECT_EQ(
        rollout_crcs(g.id, {{"frameskip", 1}, {"repeat_action_probability", 0}},
                     {"atari-preprocessing:noop_max=0", "frame-stack:stack_size=4"}, g.actions),
        g.pre);
  }
}

}  // namespace
}  // namespace ag::gym
