// A GameHost without a machine: RAM the test scripts, and a log of what the
// game's logic asked the console to do (SELECT presses, RESETs, actions).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "env/game.hpp"

namespace ag::test {

class FakeGameHost final : public env::GameHost {
 public:
  // RIOT RAM by CPU address $80-$FF.
  std::array<uint8_t, 128> ram{};
  // Other addresses readable through peek() (e.g. cartridge RAM).
  std::map<uint16_t, uint8_t> mapped;

  // What the logic did, in order: "select:N", "reset", "act:A".
  std::vector<std::string> log;
  // Called after each SELECT press / act, to let the test move the game on.
  std::function<void(FakeGameHost&)> on_select;
  std::function<void(FakeGameHost&, env::Action)> on_act;

  env::EnvRng rng{0};

  void set(int addr, uint8_t v) { ram[addr & 0x7F] = v; }
  uint8_t get(int addr) const { return ram[addr & 0x7F]; }

  uint8_t read_ram(uint16_t addr) const override {
    if (addr < 0x80 || addr > 0xFF) throw std::out_of_range("read_ram outside $80-$FF");
    return ram[addr & 0x7F];
  }
  void write_ram(uint16_t addr, uint8_t value) override { ram[addr & 0x7F] = value; }
  uint8_t peek(uint16_t addr) const override {
    if (auto it = mapped.find(addr); it != mapped.end()) return it->second;
    if ((addr & 0x1280) == 0x0080) return ram[addr & 0x7F];
    throw std::logic_error("FakeGameHost: no value for address " + std::to_string(addr));
  }
  void press_select(int frames) override {
    log.push_back("select:" + std::to_string(frames));
    if (on_select) on_select(*this);
  }
  void soft_reset() override { log.push_back("reset"); }
  void act(env::Action a, env::Action) override {
    log.push_back("act:" + std::to_string(a));
    if (on_act) on_act(*this, a);
  }
  env::EnvRng& env_rng() override { return rng; }
};

}  // namespace ag::test
