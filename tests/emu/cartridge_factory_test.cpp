// make_cartridge's handling of bad input, and a robustness sweep: no image,
// type or access sequence may crash or read out of bounds.
#include <gtest/gtest.h>

#include <random>

#include "emu/cartridge.hpp"
#include "emu/cartridge_bus.hpp"

namespace ag::emu {
namespace {

using testing::CartridgeBus;

const char* const kTypes[] = {"2K",   "4K", "CV",   "F8",   "F8 swapped", "F8SC", "F6",
                              "F6SC", "F4", "F4SC", "FASC", "MB",         "E0",   "E7",
                              "FE",   "UA", "3F",   "3E",   "DPC"};

std::string error_of(const std::vector<uint8_t>& rom, const std::string& type) {
  try {
    make_cartridge(rom, type);
  } catch (const CartridgeError& e) {
    return e.what();
  }
  return "";
}

TEST(CartridgeFactory, UnknownTypeIsNamed) {
  EXPECT_EQ(error_of(std::vector<uint8_t>(4096), "F9"), "unknown cartridge type 'F9'");
}

TEST(CartridgeFactory, UnsupportedTypesSayWhy) {
  EXPECT_NE(error_of(std::vector<uint8_t>(8448), "").find("AR is not supported"),
            std::string::npos);
  EXPECT_NE(error_of(std::vector<uint8_t>(65536 * 2, 1), "MC").find("not supported"),
            std::string::npos);
}

TEST(CartridgeFactory, ImageTooSmallForTypeIsNamed) {
  EXPECT_EQ(error_of(std::vector<uint8_t>(4096), "F8"),
            "ROM image of 4096 bytes is too small for cartridge type F8 (needs 8192)");
  EXPECT_NE(error_of(std::vector<uint8_t>(100), "").find("100 bytes"), std::string::npos);
  EXPECT_NE(error_of({}, "").find("0 bytes"), std::string::npos);
  for (const char* type : kTypes)
    EXPECT_THROW(make_cartridge(std::vector<uint8_t>(1000), type), CartridgeError) << type;
}

TEST(CartridgeFactory, AutoDetectNameMeansDetect) {
  EXPECT_STREQ(make_cartridge(std::vector<uint8_t>(4096, 1), "AUTO-DETECT")->type(), "2K");
}

TEST(CartridgeFactory, LargerImagesUseTheirPrefixAsAleDoes) {
  std::vector<uint8_t> rom(8192, 0);
  rom[0] = 0x42;
  auto cart = make_cartridge(rom, "4K");
  EXPECT_EQ(cart->read_page(0)[0], 0x42);
}

// Random images, every type, random accesses over the whole 16-bit space.
TEST(CartridgeFactory, RandomAccessesNeverLeaveTheImage) {
  std::mt19937 gen(12345);
  for (const char* type : kTypes) {
    for (size_t size :
         {2048u, 4096u, 5000u, 8192u, 10240u, 10495u, 12288u, 16384u, 32768u, 65536u, 70000u}) {
      std::vector<uint8_t> rom(size);
      for (auto& b : rom) b = static_cast<uint8_t>(gen());
      std::unique_ptr<Cartridge> cart;
      try {
        cart = make_cartridge(rom, type);
      } catch (const CartridgeError&) {
        continue;
      }
      EmuRng rng(4753849);
      cart->reset(rng);
      CartridgeBus bus(*cart);
      for (int i = 0; i < 20000; ++i) {
        const uint16_t addr = static_cast<uint16_t>(gen());
        if (gen() & 1)
          bus.read(addr);
        else
          bus.write(addr, static_cast<uint8_t>(gen()));
      }
      // Hit every hotspot region and register page explicitly too.
      for (int a = 0x1000; a < 0x1100; ++a) bus.write(static_cast<uint16_t>(a), 0xFF);
      for (int a = 0x1F00; a < 0x2000; ++a) bus.read(static_cast<uint16_t>(a));
      for (int a = 0x0000; a < 0x0300; ++a) bus.write(static_cast<uint16_t>(a), 0xFF);
      auto state = testing::saved(*cart);
      testing::restore(*cart, state);
      // Truncated or corrupted states are rejected, never trusted.
      for (size_t cut = 0; cut < state.size(); cut += 1 + state.size() / 7) {
        std::vector<uint8_t> part(state.begin(), state.begin() + cut);
        EXPECT_THROW(testing::restore(*cart, part), StateError) << type << " cut " << cut;
      }
      for (int trial = 0; trial < 20; ++trial) {
        auto bad = state;
        bad[gen() % bad.size()] = static_cast<uint8_t>(gen());
        try {
          testing::restore(*cart, bad);
        } catch (const StateError&) {
        }
        for (int i = 0; i < 2000; ++i) bus.read(static_cast<uint16_t>(gen()));
      }
    }
  }
}

}  // namespace
}  // namespace ag::emu
