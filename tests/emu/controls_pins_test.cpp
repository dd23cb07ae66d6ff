// How joysticks, paddles and console switches drive the input pins, as in
// ALE's Stella (Joystick.cxx, Paddles.cxx, Switches.cxx, Console.cxx).
#include <gtest/gtest.h>

#include "emu/controls.hpp"

namespace ag::emu {
namespace {

TEST(ControlsPins, IdleJoysticksReadHigh) {
  PinLevels p = map_controls(Controls{}, RomProperties{});
  EXPECT_EQ(p.riot.swcha, 0xFF);
  EXPECT_TRUE(p.tia.pin_high[0]);
  EXPECT_TRUE(p.tia.pin_high[1]);
  EXPECT_EQ(p.tia.resistance[0], TiaInputs::kMaxResistance);
}

// Player A's joystick is the left port: right/left/down/up on bits 7-4.
TEST(ControlsPins, JoystickDirectionsPullTheirBitsLow) {
  Controls c;
  c.joystick[0].up = true;
  c.joystick[0].right = true;
  c.joystick[1].left = true;
  c.joystick[1].fire = true;
  PinLevels p = map_controls(c, RomProperties{});
  EXPECT_EQ(p.riot.swcha, 0xFF & ~0x10 & ~0x80 & ~0x04);
  EXPECT_TRUE(p.tia.pin_high[0]);
  EXPECT_FALSE(p.tia.pin_high[1]);
}

// Swapped ports: player A's joystick appears on the right port.
TEST(ControlsPins, SwappedPortsExchangeThePlayers) {
  RomProperties props;
  props.swap_ports = true;
  Controls c;
  c.joystick[0].down = true;
  c.joystick[0].fire = true;
  PinLevels p = map_controls(c, props);
  EXPECT_EQ(p.riot.swcha, 0xFF & ~0x02);
  EXPECT_TRUE(p.tia.pin_high[0]);
  EXPECT_FALSE(p.tia.pin_high[1]);
}

// Paddles on the left jack: paddle 0 on INPT0 and SWCHA bit 7, paddle 1 on
// INPT1 and bit 6; the right jack's paddles are never moved by ALE.
TEST(ControlsPins, PaddlesDrivePotsAndButtons) {
  RomProperties props;
  props.left = props.right = Controller::Paddles;
  Controls c;
  c.paddle_resistance[0] = 300000;
  c.paddle_resistance[1] = 500000;
  c.paddle_fire[0] = true;
  PinLevels p = map_controls(c, props);
  EXPECT_EQ(p.tia.resistance[0], 300000);
  EXPECT_EQ(p.tia.resistance[1], 500000);
  EXPECT_EQ(p.tia.resistance[2], TiaInputs::kMinResistance);
  EXPECT_EQ(p.tia.resistance[3], TiaInputs::kMinResistance);
  EXPECT_EQ(p.riot.swcha, 0xFF & ~0x80);
  EXPECT_TRUE(p.tia.pin_high[0]);  // a paddle jack has no pin 6 button
}

TEST(ControlsPins, SwappedPaddlesExchangePotsAndButtons) {
  RomProperties props;
  props.left = Controller::Paddles;
  props.swap_paddles = true;
  Controls c;
  c.paddle_resistance[0] = 300000;
  c.paddle_resistance[1] = 500000;
  c.paddle_fire[0] = true;
  PinLevels p = map_controls(c, props);
  EXPECT_EQ(p.tia.resistance[0], 500000);
  EXPECT_EQ(p.tia.resistance[1], 300000);
  EXPECT_EQ(p.riot.swcha, 0xFF & ~0x40);
}

TEST(ControlsPins, ConsoleSwitches) {
  Controls c;
  EXPECT_EQ(map_controls(c, RomProperties{}).riot.swchb, 0x3F);  // B/B, colour
  c.reset = true;
  c.left_difficulty_a = true;
  EXPECT_EQ(map_controls(c, RomProperties{}).riot.swchb, 0x7E);
  c.reset = false;
  c.select = true;
  c.right_difficulty_a = true;
  c.color = false;
  EXPECT_EQ(map_controls(c, RomProperties{}).riot.swchb, 0xF5);
}

}  // namespace
}  // namespace ag::emu
