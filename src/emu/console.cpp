// The console: chips wired on the bus, driven a frame at a time as ALE's
// Stella core drives them (Console.cxx, System.cxx, TIA::update()).
#include "emu/console.hpp"

#include <sstream>

#include "emu/bus.hpp"
#include "emu/controls.hpp"
#include "emu/cpu.hpp"
#include "emu/riot.hpp"
#include "emu/tia.hpp"

namespace ag::emu {

namespace {

constexpr uint32_t kSystemRandomSeed = 4753849;    // ALE's system_random_seed
constexpr uint32_t kInstructionsPerFrame = 25000;  // TIA::update's budget
constexpr uint32_t kStateTag = 0x31434741;         // "AGC1"

// ALE's Display.Format AUTO-DETECT: the console runs 60 frames at power-on
// and calls the game PAL if at least 15 of the last 30 had over 285 lines.
constexpr int kProbeFrames = 60, kProbeFirstCounted = 30, kProbePalFrames = 15;
constexpr uint32_t kPalScanlines = 285;

void put_flag(StateWriter& w, bool v) {
  w.put<uint8_t>(v ? 1 : 0);
}
bool get_flag(StateReader& r) {
  uint8_t v = r.get<uint8_t>();
  if (v > 1) throw StateError("console state: bad flag");
  return v != 0;
}

}  // namespace

struct Console::Impl {
  RomProperties props;
  std::unique_ptr<Cartridge> cart;
  EmuRng rng{kSystemRandomSeed};
  Bus bus;
  BusState& bus_state = bus.state();
  Tia tia{bus_state};
  Riot riot{bus_state};
  Cpu<Bus> cpu;
  Controls controls;
  WorkCounters work;
  WorkCounters work_base;  // counts at the end of construction (the probe excluded)
  TvStandard standard = TvStandard::Ntsc;

  // ALE System::resetCycles: every chip rebases its remembered times.
  void rebase_counters() {
    const uint32_t cycles = bus_state.cycles();
    riot.rebase(cycles);
    tia.rebase(cycles);
    bus_state.counter_base = bus_state.total_cycles;
  }

  // ALE System::reset: counters, then the devices in the order they were
  // attached (RIOT, TIA, cartridge), then the CPU from the reset vector.
  void system_reset() {
    rebase_counters();
    riot.reset(rng);
    tia.reset();
    cart->reset(rng);
    bus_state.stop = false;
    bus_state.last_access_read = true;
    cpu.reset(bus);
  }

  // ALE TIA::update.
  void run_frame() {
    PinLevels pins = map_controls(controls, props);
    riot.inputs() = pins.riot;
    tia.inputs() = pins.tia;
    if (!tia.frame_pending()) {
      const int32_t clocks = tia.clocks_into_line();
      rebase_counters();
      tia.start_frame(clocks);
    }
    tia.mark_frame_pending();
    bus_state.stop = false;
    cpu.run(bus, kInstructionsPerFrame);
    tia.finish_run();
    ++work.frames;
  }

  void read_state(StateReader& r) {
    if (r.get<uint32_t>() != kStateTag) throw StateError("console state: bad tag");
    CpuState c;
    r.get_into(c.pc), r.get_into(c.a), r.get_into(c.x), r.get_into(c.y), r.get_into(c.sp);
    r.get_into(c.p), r.get_into(c.ir);
    c.jammed = get_flag(r);
    r.get_into(c.instructions);
    BusState b;
    r.get_into(b.total_cycles), r.get_into(b.counter_base), r.get_into(b.data_bus);
    b.last_access_read = get_flag(r);
    b.stop = get_flag(r);
    if (b.counter_base > b.total_cycles) throw StateError("console state: bad cycle counters");
    std::istringstream rng_text(r.get_string());
    EmuRng fresh_rng;
    rng_text >> fresh_rng;
    if (rng_text.fail()) throw StateError("console state: bad RNG state");
    cpu.state() = c;
    bus_state = b;
    rng = fresh_rng;
    riot.load_state(r);
    tia.load_state(r);
    cart->load_state(r);
  }

  void configure_tia() {
    TiaConfig config;
    config.ystart = props.display_ystart;
    config.height = props.display_height;
    config.pal = standard == TvStandard::Pal;
    config.hmove_blanks = props.hmove_blanks;
    tia.configure(config);
  }
};

Console::Console(const std::vector<uint8_t>& rom, const RomProperties& props)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.props = props;
  m.cart = make_cartridge(rom, props.cart_type);
  m.bus.connect(m.tia, m.riot);
  m.cart->attach_clock(&m.bus_state.total_cycles);
  m.bus.attach_cartridge(m.cart.get());
  m.controls.left_difficulty_a = props.left_difficulty_a;
  m.controls.right_difficulty_a = props.right_difficulty_a;

  // M6532's constructor: RAM, then its own reset (one timer draw).
  m.riot.power_on(m.rng);
  m.riot.reset(m.rng);

  // Console's constructor: probe NTSC/PAL, then reset for real. The probe's
  // frames leave their mark (RAM is not cleared by a reset).
  m.configure_tia();
  m.system_reset();
  int pal_frames = 0;
  for (int i = 0; i < kProbeFrames; ++i) {
    m.run_frame();
    if (i >= kProbeFirstCounted && m.tia.scanlines() > kPalScanlines) ++pal_frames;
  }
  if (pal_frames >= kProbePalFrames) {
    m.standard = TvStandard::Pal;
    if (m.props.display_height == 210) m.props.display_height = 250;
  }
  m.configure_tia();
  m.system_reset();
  m.work = WorkCounters{};
  m.work_base = {m.cpu.state().instructions, m.bus_state.total_cycles, m.bus.tia_writes(), 0};
}

Console::~Console() = default;

void Console::reset() {
  impl_->system_reset();
}
void Console::run_frame() {
  impl_->run_frame();
}

const uint8_t* Console::screen() const {
  return impl_->tia.frame();
}
int Console::screen_height() const {
  return impl_->tia.frame_height();
}
TvStandard Console::tv_standard() const {
  return impl_->standard;
}

uint8_t Console::ram(int index) const {
  return impl_->riot.ram()[index & 0x7F];
}
uint8_t Console::peek_ram(int index) {
  return impl_->bus_state.data_bus = impl_->riot.ram()[index & 0x7F];
}
void Console::set_ram(int index, uint8_t value) {
  impl_->riot.ram()[index & 0x7F] = value;
  impl_->bus_state.data_bus = value;
}
const uint8_t* Console::ram_data() const {
  return impl_->riot.ram();
}

Controls& Console::controls() {
  return impl_->controls;
}
const RomProperties& Console::properties() const {
  return impl_->props;
}
const Cartridge& Console::cartridge() const {
  return *impl_->cart;
}

const WorkCounters& Console::work() const {
  Impl& m = *impl_;
  m.work.cpu_instructions = m.cpu.state().instructions - m.work_base.cpu_instructions;
  m.work.cpu_cycles = m.bus_state.total_cycles - m.work_base.cpu_cycles;
  m.work.tia_writes = m.bus.tia_writes() - m.work_base.tia_writes;
  return m.work;
}

void Console::save_state(StateWriter& w) const {
  const Impl& m = *impl_;
  w.put(kStateTag);
  const CpuState& c = m.cpu.state();
  w.put(c.pc), w.put(c.a), w.put(c.x), w.put(c.y), w.put(c.sp), w.put(c.p), w.put(c.ir);
  put_flag(w, c.jammed);
  w.put(c.instructions);
  w.put(m.bus_state.total_cycles), w.put(m.bus_state.counter_base), w.put(m.bus_state.data_bus);
  put_flag(w, m.bus_state.last_access_read);
  put_flag(w, m.bus_state.stop);
  std::ostringstream rng;
  rng << m.rng;
  w.put_string(rng.str());
  m.riot.save_state(w);
  m.tia.save_state(w);
  m.cart->save_state(w);
}

void Console::load_state(StateReader& r) {
  // The chips validate what they read before taking it, but a failure in a
  // later one must not leave the earlier ones loaded: keep a copy to go back to.
  StateWriter backup;
  save_state(backup);
  // Work counters keep counting across a load (they measure work done here).
  const WorkCounters done = work();
  try {
    impl_->read_state(r);
    Impl& m = *impl_;
    m.work_base = {m.cpu.state().instructions - done.cpu_instructions,
                   m.bus_state.total_cycles - done.cpu_cycles, m.bus.tia_writes() - done.tia_writes,
                   0};
  } catch (...) {
    StateReader restore(backup.bytes());
    impl_->read_state(restore);
    throw;
  }
}

}  // namespace ag::emu
