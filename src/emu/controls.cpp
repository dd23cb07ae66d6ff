// Controller wiring as ALE's Stella does it:
// - Each port holds a joystick or paddles (anything but PADDLES is a
//   joystick). With Console.SwapPorts the left port gets the right
//   controller and vice versa, each still reading its own player's inputs:
//   player A drives the controller built for the left jack.
// - A pressed direction or button pulls its pin low.
// - A paddle pair on the left jack reads paddles 0 and 1 (player A and B);
//   Controller.SwapPaddles exchanges them. A pair on the right jack reads
//   paddles 2 and 3, which ALE never moves: zero resistance, buttons up.
#include "emu/controls.hpp"

namespace ag::emu {

namespace {

// The levels one controller puts on its port's pins.
struct JackPins {
  bool one = true, two = true, three = true, four = true, six = true;  // digital, high = idle
  int32_t five = TiaInputs::kMaxResistance, nine = TiaInputs::kMaxResistance;  // pots
};

JackPins pins_of(Controller type, bool right_jack, const Controls& c, bool swap_paddles) {
  JackPins p;
  if (type != Controller::Paddles) {
    const Controls::Joystick& j = c.joystick[right_jack ? 1 : 0];
    p.one = !j.up;
    p.two = !j.down;
    p.three = !j.left;
    p.four = !j.right;
    p.six = !j.fire;
    return p;
  }
  if (right_jack) {
    p.five = p.nine = TiaInputs::kMinResistance;
    return p;
  }
  const int a = swap_paddles ? 1 : 0, b = 1 - a;  // paddle on pin 9 / pin 5
  p.nine = c.paddle_resistance[a];
  p.five = c.paddle_resistance[b];
  p.four = !c.paddle_fire[a];
  p.three = !c.paddle_fire[b];
  return p;
}

}  // namespace

PinLevels map_controls(const Controls& c, const RomProperties& props) {
  const bool swap = props.swap_ports;
  const Controller left_type = swap ? props.right : props.left;
  const Controller right_type = swap ? props.left : props.right;
  const JackPins l = pins_of(left_type, swap, c, props.swap_paddles);
  const JackPins r = pins_of(right_type, !swap, c, props.swap_paddles);

  PinLevels out;
  out.riot.swcha =
      static_cast<uint8_t>((l.four << 7) | (l.three << 6) | (l.two << 5) | (l.one << 4) |
                           (r.four << 3) | (r.three << 2) | (r.two << 1) | r.one);
  uint8_t swchb = 0xFF;
  if (!c.right_difficulty_a) swchb &= ~0x80;
  if (!c.left_difficulty_a) swchb &= ~0x40;
  if (!c.color) swchb &= ~0x08;
  if (c.select) swchb &= ~0x02;
  if (c.reset) swchb &= ~0x01;
  out.riot.swchb = swchb;
  out.tia.resistance = {l.nine, l.five, r.nine, r.five};
  out.tia.pin_high = {l.six, r.six};
  return out;
}

}  // namespace ag::emu
