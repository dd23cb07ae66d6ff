#include "env/game_rules.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ag::env {

namespace {

// Bound on every saved logic value (a corrupt state beyond it is refused);
// sums and differences of a few such values stay inside an int.
constexpr int32_t kLogicValueLimit = 1 << 28;

int shape_reward(RewardRule rule, int delta, int wrap) {
  switch (rule) {
    case RewardRule::kDelta:
      return delta;
    case RewardRule::kNonNegative:
      return std::max(delta, 0);
    case RewardRule::kWrapped:
      return delta < 0 ? delta + wrap : delta;
    case RewardRule::kClampedToOne:
      return std::clamp(delta, 0, 1);
    case RewardRule::kAtMostOne:
      return std::min(delta, 1);
    case RewardRule::kNegated:
      return -delta;
    case RewardRule::kIgnoringStartCash:
      return delta == 50000 ? 0 : delta;
  }
  return delta;
}

class RulesLogic final : public GameLogic {
 public:
  RulesLogic(const GameRules& rules, const std::vector<int>& modes) : rules_(rules), modes_(modes) {
    reset();
  }

  void reset() override {
    st_.reward = 0;
    st_.score = rules_.start_score;
    st_.lives = rules_.start_lives;
    st_.terminal = false;
    if (rules_.reset) {
      rules_.reset(st_);
    } else {
      st_.memo = {};
    }
  }

  void step(const GameHost& host) override {
    const RamView ram(host);
    if (rules_.step) {
      rules_.step(ram, st_);
      return;
    }
    const bool terminal = rules_.terminal(ram);
    if (terminal && rules_.keep_score_at_end) {
      st_.reward = 0;
    } else {
      const int score = rules_.score(ram) * rules_.score_scale;
      st_.reward = shape_reward(rules_.reward, score - st_.score, rules_.score_wrap);
      st_.score = score;
    }
    if (rules_.lives) st_.lives = rules_.lives(ram, st_.lives);
    st_.terminal = terminal;
  }

  int reward() const override { return st_.reward; }
  bool terminal() const override { return st_.terminal; }
  int lives() const override {
    switch (rules_.shown) {
      case LivesShown::kUnlessTerminal:
        return st_.terminal ? 0 : st_.lives;
      case LivesShown::kKept:
        return st_.lives;
      case LivesShown::kZero:
        return 0;
      case LivesShown::kOne:
        return 1;
    }
    return st_.lives;
  }

  void set_mode(int mode, GameHost& host) override {
    if (std::find(modes_.begin(), modes_.end(), mode) == modes_.end())
      throw std::invalid_argument("game mode " + std::to_string(mode) +
                                  " is not available for this game");
    if (rules_.select) {
      rules_.select(mode, host, st_);
    } else if (rules_.mode_switch) {
      const ModeSwitch& ms = *rules_.mode_switch;
      if (ms.first_press > 0) host.press_select(ms.first_press);
      const int target = ms.mul * mode + ms.add;
      const RamView ram(host);
      press_select_until(host, ms.press_frames, [&] { return ram[ms.addr] == target; });
      host.soft_reset();
    }
    // Otherwise the game has only mode 0 and ALE does nothing to select it.
  }

  void save_state(emu::StateWriter& w) const override {
    w.put<int32_t>(st_.reward);
    w.put<int32_t>(st_.score);
    w.put<int32_t>(st_.lives);
    w.put<uint8_t>(st_.terminal ? 1 : 0);
    for (int32_t v : st_.memo) w.put<int32_t>(v);
  }

  void load_state(emu::StateReader& r) override {
    LogicState s;
    s.reward = r.get<int32_t>();
    s.score = r.get<int32_t>();
    s.lives = r.get<int32_t>();
    const auto terminal = r.get<uint8_t>();
    if (terminal > 1) throw emu::StateError("game logic state: bad terminal flag");
    s.terminal = terminal == 1;
    for (int32_t& v : s.memo) v = r.get<int32_t>();
    // Steps take differences of these (reward = score - previous score, ...):
    // far beyond any score a game shows (8 digits), they could overflow.
    auto sane = [](int32_t v) { return v > -kLogicValueLimit && v < kLogicValueLimit; };
    bool ok = sane(s.reward) && sane(s.score) && sane(s.lives);
    for (int32_t v : s.memo) ok = ok && sane(v);
    if (!ok) throw emu::StateError("game logic state: value out of range");
    st_ = s;
  }

 private:
  const GameRules& rules_;
  const std::vector<int>& modes_;
  LogicState st_;
};

}  // namespace

std::unique_ptr<GameLogic> make_rules_logic(const GameRules& rules, const std::vector<int>& modes) {
  return std::make_unique<RulesLogic>(rules, modes);
}

}  // namespace ag::env
