// Implementation of the 6507 core declared in cpu.hpp (included from there).
//
// Design: run() copies CpuState into a CpuCore<Bus> on the stack, whose members
// the compiler keeps in registers (the core never escapes: bus calls take an
// address/value, and the cycle count only by reference into inline code),
// executes instructions with threaded dispatch (each opcode's code ends with
// the next fetch and an indirect jump; with Clang, one switch), and writes the registers back once at
// the end. Instruction bytes come from the bus's code window when it offers
// one: one lookup per instruction instead of one per byte, and none while PC
// stays in the same 64-byte page (PC is then a pointer into the cached page,
// kept until a bank switch). Only instructions that access the bus after
// their fetch are followed by the stop/bank-switch check. Two loop shapes
// that only wait are not run pass by pass but counted (branch():
// skip_quiet_polls() for timer polling, skip_countdown() for delay loops),
// leaving the same state.
//
// Timing model (ALE's M6502Low, see cpu.hpp): the opcode fetch, then the
// opcode's whole base cycle count (kBaseCycles), then the instruction's
// accesses, which always begin with its operand bytes (kOperandBytes; JSR's
// second byte is the exception, read after its pushes). Extra cycles only for
//   abs,X / abs,Y / (zp),Y reads  +1 when the index carries into the next
//                                 page, added before the data read
//   taken branches                +1, or +2 when the target is in another page
// Stores and read-modify-writes never add one (their base count includes it).
// No dummy reads of addressing modes or implied instructions; a
// read-modify-write reads once and writes once. The stack instructions keep
// the extra stack/PC reads that ALE's core performs (JSR, RTS, RTI, PLA, PLP,
// BRK).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#define AG_CPU_INLINE inline __attribute__((always_inline))

namespace ag::emu {
namespace cpu_detail {

// Base cycle count of every opcode, as ALE's core counts them: the NMOS 6502's,
// except LAX zp ($A7) at 4 instead of 3; the KIL column counts 2, which ALE's
// core still adds before it gives up on the opcode.
// clang-format off
inline constexpr uint8_t kBaseCycles[256] = {
//  x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 xA xB xC xD xE xF
    7, 6, 2, 8, 3, 3, 5, 5, 3, 2, 2, 2, 4, 4, 6, 6,  // 0x
    2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7,  // 1x
    6, 6, 2, 8, 3, 3, 5, 5, 4, 2, 2, 2, 4, 4, 6, 6,  // 2x
    2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7,  // 3x
    6, 6, 2, 8, 3, 3, 5, 5, 3, 2, 2, 2, 3, 4, 6, 6,  // 4x
    2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7,  // 5x
    6, 6, 2, 8, 3, 3, 5, 5, 4, 2, 2, 2, 5, 4, 6, 6,  // 6x
    2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7,  // 7x
    2, 6, 2, 6, 3, 3, 3, 3, 2, 2, 2, 2, 4, 4, 4, 4,  // 8x
    2, 6, 2, 6, 4, 4, 4, 4, 2, 5, 2, 5, 5, 5, 5, 5,  // 9x
    2, 6, 2, 6, 3, 3, 3, 4, 2, 2, 2, 2, 4, 4, 4, 4,  // Ax
    2, 5, 2, 5, 4, 4, 4, 4, 2, 4, 2, 4, 4, 4, 4, 4,  // Bx
    2, 6, 2, 8, 3, 3, 5, 5, 2, 2, 2, 2, 4, 4, 6, 6,  // Cx
    2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7,  // Dx
    2, 6, 2, 8, 3, 3, 5, 5, 2, 2, 2, 2, 4, 4, 6, 6,  // Ex
    2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7,  // Fx
};
// clang-format on

// Operand bytes ALE's core reads right after the opcode, before any other
// access. JSR counts 1 (it reads its high byte after pushing PC), BRK 1 (the
// byte it skips), RTS/RTI and the KIL column 0.
// clang-format off
inline constexpr uint8_t kOperandBytes[256] = {
//  x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 xA xB xC xD xE xF
    1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // 0x
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // 1x
    1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // 2x
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // 3x
    0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // 4x
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // 5x
    0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // 6x
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // 7x
    1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // 8x
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // 9x
    1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // Ax
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // Bx
    1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // Cx
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // Dx
    1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 2, 2, 2, 2,  // Ex
    1, 1, 0, 1, 1, 1, 1, 1, 0, 2, 0, 2, 2, 2, 2, 2,  // Fx
};
// clang-format on

// BCD conversion tables of ALE's core, laid out as one 512-byte array: the
// first half maps a BCD byte to its value (digits above 9 count as 10..15),
// the second half maps a value 0..255 to BCD (modulo 100). ALE's decimal SBC
// indexes the second half with a difference that can go down to -66 for
// invalid BCD operands, which lands in the first half; keeping the same layout
// reproduces that result.
struct BcdTables {
  std::array<uint8_t, 512> bytes{};
  constexpr BcdTables() {
    for (int t = 0; t < 256; ++t) {
      bytes[t] = static_cast<uint8_t>((t >> 4) * 10 + (t & 0x0F));
      bytes[256 + t] = static_cast<uint8_t>((((t % 100) / 10) << 4) | (t % 10));
    }
  }
  constexpr uint8_t value_of(uint8_t bcd) const { return bytes[bcd]; }
  // `value` in [-256, 255].
  constexpr uint8_t bcd_of(int value) const { return bytes[256 + value]; }
};
inline constexpr BcdTables kBcd{};

enum class Mode { Imm, Zp, ZpX, ZpY, Abs, AbsX, AbsY, IndX, IndY };

// Registers in working form: N and Z kept together in nz_, mostly as the
// byte they were derived from (Z = low byte zero, N = bit 7 or bit 8: BIT
// and decimal ARR set N apart from Z through bit 8), so most instructions
// set both with one move; the P byte is assembled only when pushed or saved.
// kNextFetchFollows: the run goes on after each instruction executed (run()
// makes its last one with this false). Then whether an instruction's last
// access was a read is replaced by the next instruction's fetch (a read)
// before the only observer, a WSYNC write, can look at it, so plain memory
// accesses that are an instruction's last need not record it
// (Bus::read_last and friends). (The data bus itself they must update: a
// fetch from TIA space reads its undriven bits, seen in poke runs.)
template <class Bus, bool kNextFetchFollows = false>
class CpuCore {
 public:
  AG_CPU_INLINE CpuCore(Bus& bus, const CpuState& s)
      : bus_(bus), ip_(kUncachedBias + s.pc), a_(s.a), x_(s.x), y_(s.y), sp_(s.sp), ir_(s.ir) {
    set_p(s.p);
    b_ = s.p & 0x10;
  }

  // Hands the cycles no access has taken yet to the bus: the end of a run.
  AG_CPU_INLINE void finish() {
    if (elapsed_) bus_.add_cycles(elapsed_);
    elapsed_ = 0;
  }

  AG_CPU_INLINE void save(CpuState& s) const {
    s.pc = pc();
    s.a = a_;
    s.x = x_;
    s.y = y_;
    s.sp = sp_;
    s.p = p();
    s.ir = ir_;
  }

  // What an instruction did on the bus after its fetch. kQuiet: nothing (no
  // chip or mapper can have been reached: a fetch that reaches one is made
  // byte by byte with no page cached, and reads never raise the stop line).
  // kJammed: the opcode is one ALE's core does not implement (the KIL/JAM
  // group): its fetch and base cycles have happened, nothing else.
  enum Step { kQuiet, kAccessed, kJammed };
  // The instruction with opcode Op, just fetched. `budget`: instructions
  // the caller may still run after this one; a timer-polling loop may take
  // some (see skip_quiet_polls()).
  template <int Op>
  AG_CPU_INLINE Step execute(uint32_t& budget);
  // The fetch: from the cached code page when PC is in its window
  // (code_cached()), else looked up or made byte by byte. Returns the opcode.
  AG_CPU_INLINE bool code_cached() const { return ip_ < limit_; }
  // The two sides of code_cached(), for run()'s own compare.
  AG_CPU_INLINE uintptr_t code_ip() const { return ip_; }
  AG_CPU_INLINE uintptr_t code_limit() const { return limit_; }
  AG_CPU_INLINE uint8_t fetch_cached() {
    if constexpr (requires { bus_.code_window(pc()); })
      return take_window(reinterpret_cast<const uint8_t*>(ip_));
    return fetch_instruction();  // (never: without code pages limit_ stays 0)
  }
  AG_CPU_INLINE uint8_t fetch_uncached() { return fetch_instruction(); }

 private:
  // ---- bus -------------------------------------------------------------
  AG_CPU_INLINE uint8_t rd(uint16_t addr) { return bus_.read(addr, elapsed_); }
  AG_CPU_INLINE void wr(uint16_t addr, uint8_t v) { bus_.write(addr, v, elapsed_); }
  AG_CPU_INLINE void cycles(uint32_t n) { elapsed_ += n; }
  // Reads at addr and addr + 1, low byte first (ALE's core reads pointers in
  // that order). A bus may serve both at once (Bus::read_pair).
  AG_CPU_INLINE uint16_t rd_pair(uint16_t addr) {
    if constexpr (requires { bus_.read_pair(addr, elapsed_); }) {
      return bus_.read_pair(addr, elapsed_);
    } else {
      uint16_t lo = rd(addr);
      return static_cast<uint16_t>(lo | (rd(static_cast<uint16_t>(addr + 1)) << 8));
    }
  }
  // A pointer in zero page. ALE's core reads its high byte at pointer + 1
  // computed in int: from $FF it goes to $0100 (a TIA mirror), not to $00.
  template <int N>
  AG_CPU_INLINE uint16_t read_pointer(uint8_t ptr) {
    if constexpr (kFetchLeftLazy)
      return bus_.read_pair_after_fetch(ptr, last_fetched<N>(), elapsed_);
    return rd_pair(ptr);
  }

  // The data bus after the instruction fetch. A bus with the *_after_fetch
  // calls is not told about the fetch (read_window()) when it takes place:
  // the instruction's first access hands over the fetch's last byte, which
  // the bus puts on the data bus only if a chip may look at it (its slow
  // path); a fast access overwrites it anyway. An instruction without a
  // further access says so with fetch_only(). N: the instruction's operand
  // bytes (0: the last byte fetched is the opcode).
  static constexpr bool kFetchLeftLazy = requires(Bus & b, uint32_t& e) {
    b.read_after_fetch(uint16_t{}, uint8_t{}, e);
    b.write_after_fetch(uint16_t{}, uint8_t{}, uint8_t{}, e);
    b.read_pair_after_fetch(uint16_t{}, uint8_t{}, e);
    b.fetch_only(uint8_t{});
  };
  template <int N>
  AG_CPU_INLINE uint8_t last_fetched() const {
    if constexpr (N == 0) return ir_;
    if constexpr (N == 1) return static_cast<uint8_t>(operand_);
    return static_cast<uint8_t>(operand_ >> 8);
  }
  // The instruction's first access after its fetch.
  template <int N>
  AG_CPU_INLINE uint8_t rd_first(uint16_t addr) {
    if constexpr (kFetchLeftLazy) return bus_.read_after_fetch(addr, last_fetched<N>(), elapsed_);
    return rd(addr);
  }
  template <int N>
  AG_CPU_INLINE void wr_first(uint16_t addr, uint8_t v) {
    if constexpr (kFetchLeftLazy)
      return bus_.write_after_fetch(addr, v, last_fetched<N>(), elapsed_);
    wr(addr, v);
  }
  // An instruction that makes no access after its fetch.
  template <int N>
  AG_CPU_INLINE void fetch_only() {
    if constexpr (kFetchLeftLazy) bus_.fetch_only(last_fetched<N>());
  }

  // The instruction's last access (see kNextFetchFollows): with a bus that
  // offers it, one that does not record the access kind when it reaches
  // plain memory. rd_sole/wr_sole: its only access after the fetch.
  static constexpr bool kLastLeftLazy =
      kNextFetchFollows && kFetchLeftLazy && requires(Bus & b, uint32_t& e) {
        b.read_last(uint16_t{}, e);
        b.write_last(uint16_t{}, uint8_t{}, e);
        b.read_last_after_fetch(uint16_t{}, uint8_t{}, e);
        b.write_last_after_fetch(uint16_t{}, uint8_t{}, uint8_t{}, e);
      };
  AG_CPU_INLINE uint8_t rd_last(uint16_t addr) {
    if constexpr (kLastLeftLazy) return bus_.read_last(addr, elapsed_);
    return rd(addr);
  }
  AG_CPU_INLINE void wr_last(uint16_t addr, uint8_t v) {
    if constexpr (kLastLeftLazy) return bus_.write_last(addr, v, elapsed_);
    wr(addr, v);
  }
  template <int N>
  AG_CPU_INLINE uint8_t rd_sole(uint16_t addr) {
    if constexpr (kLastLeftLazy)
      return bus_.read_last_after_fetch(addr, last_fetched<N>(), elapsed_);
    return rd_first<N>(addr);
  }
  template <int N>
  AG_CPU_INLINE void wr_sole(uint16_t addr, uint8_t v) {
    if constexpr (kLastLeftLazy)
      return bus_.write_last_after_fetch(addr, v, last_fetched<N>(), elapsed_);
    wr_first<N>(addr, v);
  }

  // Opcode and operand bytes, with the base cycles after the opcode. From the
  // bus's code window when it has one here (the bytes are plain memory, so
  // taking them at once is the same as reading them one by one), else read
  // one at a time (a hotspot fetch may switch banks under the next byte).
  // PC stays: each instruction steps over its opcode and operand bytes
  // itself (begin(), skip()), so the next PC never waits on a table lookup.
  // Returns the opcode (also in ir_).
  AG_CPU_INLINE uint8_t fetch_instruction() {
    if constexpr (requires { bus_.code_window(pc()); }) {
      if (const uint8_t* code = code_at_pc()) return take_window(code);
    }
    const uint16_t pc = this->pc();
    ir_ = rd(pc);
    operand_ = 0;  // (not carried from the previous instruction)
    const uint32_t base = kBaseCycles[ir_];
    cycles(base);
    const int n = kOperandBytes[ir_];
    if (n > 0) operand_ = rd(static_cast<uint16_t>(pc + 1));
    if (n > 1)
      operand_ = static_cast<uint16_t>(operand_ | (rd(static_cast<uint16_t>(pc + 2)) << 8));
    // execute() adds the base cycles again, first thing in each opcode's
    // case (wrapping back if an operand read took them already).
    elapsed_ -= base;
    return ir_;
  }
  AG_CPU_INLINE uint8_t take_window(const uint8_t* code) {
    const uint8_t opcode = code[0];
    operand_ = static_cast<uint16_t>(code[1] | (code[2] << 8));
    if constexpr (!kFetchLeftLazy) {
      const int n = kOperandBytes[opcode];
      bus_.read_window(pc(), n + 1, code[n]);
    }
    return opcode;
  }

  // PC and the code window. Most instructions are fetched from the same
  // run of plain memory as the previous one (a bank or slice of the
  // cartridge, or RAM: Bus::code_run()), so PC is kept as the host address
  // of its byte there (ip_, PC = ip_ - bias_): the fetch is one compare
  // with limit_, the first address whose 3-byte window leaves the run.
  // Sequential PC moves just add to ip_; a jump moves ip_ and drops the
  // window if it lands outside [lo_, limit_) (set_pc()). Dropped, limit_
  // and span_ are 0: no ip_ is below limit_ and in_window() holds no host
  // address (ip_ is then PC + kUncachedBias, or PC + a stale run's bias).
  // The page map only changes on a bank switch, an access that reaches the
  // cartridge's mapper: after each instruction that reached a chip, run()
  // asks the bus whether the map changed and drops the window if so
  // (check_code_page()). The pointer sees writes to RAM code. (Before
  // session 6 the window was one 64-byte page: ~10% of Seaquest's fetches
  // went the slow way.)
  static constexpr uint32_t kCodePageSize = 64;  // the bus's page granularity
  static constexpr uintptr_t kUncachedBias = uintptr_t{1} << 32;
  static_assert(sizeof(uintptr_t) == 8, "kUncachedBias needs 64-bit addresses");
  AG_CPU_INLINE uint16_t pc() const {
    uintptr_t bias = bias_;
    asm("" : "+r"(bias));  // (else GCC keeps a narrowed copy of bias_ live in the loop)
    return static_cast<uint16_t>(ip_ - bias);
  }
  AG_CPU_INLINE void set_pc(uint16_t pc) {
    ip_ = bias_ + pc;
    if (!in_window(ip_)) drop_window();
  }
  // Whether the host address `ip` lies in the window's fetch range.
  AG_CPU_INLINE bool in_window(uintptr_t ip) const { return ip - lo_ < span_; }
  AG_CPU_INLINE void drop_window() {
    limit_ = 0;
    span_ = 0;
  }
  AG_CPU_INLINE void uncache_code_page() {
    const uint16_t pc = this->pc();
    bias_ = kUncachedBias;
    ip_ = bias_ + pc;
    drop_window();
  }
  AG_CPU_INLINE const uint8_t* code_at_pc() {
    if (ip_ < limit_) [[likely]] return reinterpret_cast<const uint8_t*>(ip_);
    uncache_code_page();
    return code_window_at_pc();
  }
  // The window at PC (uncached): the run around it is looked up (and
  // cached) or, where fewer than 3 bytes of it are left, the bus gathers
  // the bytes.
  AG_CPU_INLINE const uint8_t* code_window_at_pc() {
    const uint16_t pc = this->pc();
    if constexpr (requires(uint16_t f, uint32_t e) {
                    bus_.code_run(pc, f, e);
                    bus_.code_page(pc);
                  }) {
      // (Code in a page that is not plain memory, a hotspot page, is
      // fetched byte by byte: that test is inline.)
      if (!bus_.code_page(static_cast<uint16_t>(pc & ~(kCodePageSize - 1)))) return nullptr;
      uint16_t first;
      uint32_t end;
      const uint8_t* at = bus_.code_run(pc, first, end);
      if (end - pc >= 3) {
        bias_ = reinterpret_cast<uintptr_t>(at) - pc;
        ip_ = bias_ + pc;
        lo_ = bias_ + first;
        limit_ = bias_ + end - 2;
        span_ = limit_ - lo_;
        return at;
      }
    }
    return bus_.code_window(pc);  // at a run's end (or a bus without runs)
  }

 public:
  AG_CPU_INLINE void forget_code_page() { drop_window(); }
  // After an access to a chip: drops the cached window if the bus says the
  // read page map changed (a bus that cannot tell: always).
  AG_CPU_INLINE void check_code_page() {
    if constexpr (requires { bus_.take_read_map_change(); }) {
      if (!bus_.take_read_map_change()) return;
    }
    forget_code_page();
  }
  // Whether the last instruction made an access the bus handed to a chip or
  // mapper (bank switch, TIA write that may end the frame, ...): every
  // instruction adds its base cycles before its first access and no cycles
  // after its last one, so only such an access can leave `elapsed_` at 0.
  AG_CPU_INLINE bool reached_chip() const { return elapsed_ == 0; }
  // After an instruction that reached a chip: whether the stop line was
  // raised (as ALE's execute loop, that instruction still counts), else the
  // code page is checked for a bank switch.
  AG_CPU_INLINE bool stop_after_chip() {
    if constexpr (requires { bus_.chip_events(); }) {
      if (!bus_.chip_events()) [[likely]] return false;
    }
    if (bus_.stop_requested()) return true;
    check_code_page();
    return false;
  }

 private:
  AG_CPU_INLINE void skip(int bytes) { ip_ += bytes; }
  // The start of an opcode's case: past the opcode, and its base cycles.
  AG_CPU_INLINE void begin(uint32_t base_cycles) {
    skip(1);
    cycles(base_cycles);
  }
  AG_CPU_INLINE uint8_t operand_byte() const { return static_cast<uint8_t>(operand_); }
  AG_CPU_INLINE uint16_t operand_word() const { return operand_; }

  // ---- flags -----------------------------------------------------------
  AG_CPU_INLINE void set_nz(uint8_t v) { nz_ = v; }
  AG_CPU_INLINE bool flag_n() const { return nz_ & 0x180; }
  AG_CPU_INLINE bool flag_z() const { return !(nz_ & 0xFF); }
  AG_CPU_INLINE uint8_t p() const {
    return static_cast<uint8_t>((flag_n() << 7) | (v_ << 6) | 0x20 | (b_ << 4) | (d_ << 3) |
                                (i_ << 2) | (flag_z() << 1) | c_);
  }
  // PLP/RTI: ALE's core forces B to 1 whatever was pulled (the 6507 has no
  // B latch; pushed P always carries B = 1).
  AG_CPU_INLINE void set_p(uint8_t p) {
    nz_ = ((p & 0x80) << 1) | !(p & 0x02);
    v_ = p & 0x40;
    b_ = true;
    d_ = p & 0x08;
    i_ = p & 0x04;
    c_ = p & 0x01;
  }

  // ---- addressing ------------------------------------------------------
  template <Mode M>
  static constexpr int kModeBytes = (M == Mode::Abs || M == Mode::AbsX || M == Mode::AbsY) ? 2 : 1;

  // Address of a store / read-modify-write operand: no page-crossing cycle.
  template <Mode M>
  AG_CPU_INLINE uint16_t target() {
    skip(kModeBytes<M>);
    if constexpr (M == Mode::Zp) {
      return operand_byte();
    } else if constexpr (M == Mode::ZpX) {
      return static_cast<uint8_t>(operand_byte() + x_);
    } else if constexpr (M == Mode::ZpY) {
      return static_cast<uint8_t>(operand_byte() + y_);
    } else if constexpr (M == Mode::Abs) {
      return operand_word();
    } else if constexpr (M == Mode::AbsX) {
      return static_cast<uint16_t>(operand_word() + x_);
    } else if constexpr (M == Mode::AbsY) {
      return static_cast<uint16_t>(operand_word() + y_);
    } else if constexpr (M == Mode::IndX) {
      return read_pointer<1>(static_cast<uint8_t>(operand_byte() + x_));
    } else {
      static_assert(M == Mode::IndY);
      return static_cast<uint16_t>(read_pointer<1>(operand_byte()) + y_);
    }
  }

  // Operand of a read instruction; indexed modes pay a cycle when the index
  // carries into the next page.
  template <Mode M>
  AG_CPU_INLINE uint8_t load() {
    if constexpr (M == Mode::Imm || M == Mode::AbsX || M == Mode::AbsY || M == Mode::IndY)
      skip(kModeBytes<M>);
    if constexpr (M == Mode::Imm) {
      fetch_only<1>();
      return operand_byte();
    } else if constexpr (M == Mode::AbsX) {
      return indexed_read<true>(operand_word(), x_);
    } else if constexpr (M == Mode::AbsY) {
      return indexed_read<true>(operand_word(), y_);
    } else if constexpr (M == Mode::IndY) {
      return indexed_read<false>(read_pointer<1>(operand_byte()), y_);
    } else {
      return rd_at<M>(target<M>());
    }
  }

  // First: the read is the instruction's first access (absolute base).
  template <bool First>
  AG_CPU_INLINE uint8_t indexed_read(uint16_t base, uint8_t index) {
    // The carry out of the low byte (0 or 1) is the extra cycle: a shift,
    // where GCC made compare/setg/movzbl of the test.
    cycles(static_cast<uint32_t>((base & 0xFF) + index) >> 8);
    const uint16_t addr = static_cast<uint16_t>(base + index);
    if constexpr (First) return rd_sole<2>(addr);
    return rd_last(addr);
  }

  // The data access at a mode's target: the first access after the fetch
  // unless the mode read a pointer.
  template <Mode M>
  static constexpr bool kReadsPointer = M == Mode::IndX || M == Mode::IndY;
  template <Mode M>
  AG_CPU_INLINE uint8_t rd_at(uint16_t addr) {
    if constexpr (kReadsPointer<M>) return rd_last(addr);
    return rd_sole<kModeBytes<M>>(addr);
  }
  template <Mode M>
  AG_CPU_INLINE void wr_at(uint16_t addr, uint8_t v) {
    if constexpr (kReadsPointer<M>) return wr_last(addr, v);
    wr_sole<kModeBytes<M>>(addr, v);
  }

  template <Mode M>
  AG_CPU_INLINE void store(uint8_t v) {
    wr_at<M>(target<M>(), v);
  }

  // Read-modify-write: one read, one write of the result (to the same
  // place: a plain memory read is followed by a plain memory write).
  template <Mode M, uint8_t (CpuCore::*Op)(uint8_t)>
  AG_CPU_INLINE void rmw() {
    uint16_t addr = target<M>();
    wr_last(addr, (this->*Op)(rd_at<M>(addr)));
  }

  // ---- operations ------------------------------------------------------
  AG_CPU_INLINE void lda(uint8_t v) { set_nz(a_ = v); }
  AG_CPU_INLINE void ldx(uint8_t v) { set_nz(x_ = v); }
  AG_CPU_INLINE void ldy(uint8_t v) { set_nz(y_ = v); }
  AG_CPU_INLINE void lax(uint8_t v) { set_nz(a_ = x_ = v); }
  AG_CPU_INLINE void ora(uint8_t v) { set_nz(a_ |= v); }
  AG_CPU_INLINE void and_(uint8_t v) { set_nz(a_ &= v); }
  AG_CPU_INLINE void eor(uint8_t v) { set_nz(a_ ^= v); }
  AG_CPU_INLINE void bit(uint8_t v) {
    // A & v has bit 7 only if v has: bit 8 carries N alone.
    nz_ = (a_ & v) | ((v & 0x80) << 1);
    v_ = v & 0x40;
  }
  AG_CPU_INLINE void compare(uint8_t reg, uint8_t v) {
    set_nz(static_cast<uint8_t>(reg - v));
    c_ = reg >= v;
  }

  AG_CPU_INLINE void adc_binary(uint8_t v) {
    unsigned sum = a_ + v + c_;
    v_ = (~(a_ ^ v) & (a_ ^ sum) & 0x80) != 0;
    c_ = sum > 0xFF;
    set_nz(a_ = static_cast<uint8_t>(sum));
  }
  // Decimal mode as ALE computes it: per-byte BCD value sum, N and Z from the
  // BCD result, V from the result's sign against A's and the operand's.
  AG_CPU_INLINE void adc(uint8_t v) {
    if (!d_) return adc_binary(v);
    int sum = kBcd.value_of(a_) + kBcd.value_of(v) + c_;
    c_ = sum > 99;
    uint8_t r = kBcd.bcd_of(sum & 0xFF);
    v_ = ((a_ ^ r) & 0x80) && ((r ^ v) & 0x80);
    set_nz(a_ = r);
  }
  AG_CPU_INLINE void sbc(uint8_t v) {
    if (!d_) return adc_binary(static_cast<uint8_t>(~v));
    int borrow = c_ ? 0 : 1;
    int diff = kBcd.value_of(a_) - kBcd.value_of(v) - borrow;
    if (diff < 0) diff += 100;
    uint8_t r = kBcd.bcd_of(diff);
    c_ = a_ >= v + borrow;
    v_ = ((a_ ^ r) & 0x80) && ((r ^ v) & 0x80);
    set_nz(a_ = r);
  }

  AG_CPU_INLINE uint8_t asl(uint8_t v) {
    c_ = v & 0x80;
    set_nz(v = static_cast<uint8_t>(v << 1));
    return v;
  }
  AG_CPU_INLINE uint8_t lsr(uint8_t v) {
    c_ = v & 0x01;
    set_nz(v >>= 1);
    return v;
  }
  AG_CPU_INLINE uint8_t rol(uint8_t v) {
    uint8_t r = static_cast<uint8_t>((v << 1) | c_);
    c_ = v & 0x80;
    set_nz(r);
    return r;
  }
  AG_CPU_INLINE uint8_t ror(uint8_t v) {
    uint8_t r = static_cast<uint8_t>((v >> 1) | (c_ << 7));
    c_ = v & 0x01;
    set_nz(r);
    return r;
  }
  AG_CPU_INLINE uint8_t inc(uint8_t v) {
    set_nz(++v);
    return v;
  }
  AG_CPU_INLINE uint8_t dec(uint8_t v) {
    set_nz(--v);
    return v;
  }
  // Undocumented read-modify-write combinations.
  AG_CPU_INLINE uint8_t slo(uint8_t v) {
    v = asl(v);
    ora(v);
    return v;
  }
  AG_CPU_INLINE uint8_t rla(uint8_t v) {
    v = rol(v);
    and_(v);
    return v;
  }
  AG_CPU_INLINE uint8_t sre(uint8_t v) {
    v = lsr(v);
    eor(v);
    return v;
  }
  AG_CPU_INLINE uint8_t rra(uint8_t v) {
    v = ror(v);
    adc(v);  // with the carry the rotate produced
    return v;
  }
  AG_CPU_INLINE uint8_t dcp(uint8_t v) {
    --v;
    compare(a_, v);
    return v;
  }
  AG_CPU_INLINE uint8_t isb(uint8_t v) {
    ++v;
    sbc(v);
    return v;
  }

  // Undocumented immediate operations, with ALE's semantics (its
  // magic constant 0xEE for the unstable ANE/LXA).
  AG_CPU_INLINE void anc(uint8_t v) {
    and_(v);
    c_ = a_ & 0x80;
  }
  AG_CPU_INLINE void alr(uint8_t v) {
    a_ &= v;
    c_ = a_ & 0x01;
    set_nz(a_ >>= 1);
  }
  AG_CPU_INLINE void arr(uint8_t v) {
    uint8_t t = a_ & v;
    uint8_t r = static_cast<uint8_t>((t >> 1) | (c_ << 7));
    if (!d_) {
      c_ = r & 0x40;
      v_ = ((r >> 6) ^ (r >> 5)) & 1;
      set_nz(a_ = r);
      return;
    }
    // Decimal: N is the old carry, Z and V from the rotated value, then
    // ALE's nibble fix-ups.
    nz_ = (c_ ? 0x100 : 0) | (r != 0);
    v_ = (t ^ r) & 0x40;
    if ((t & 0x0F) + (t & 0x01) > 0x05) r = static_cast<uint8_t>((r & 0xF0) | ((r + 0x06) & 0x0F));
    if ((t & 0xF0) + (t & 0x10) > 0x50) {
      r = static_cast<uint8_t>(r + 0x60);
      c_ = true;
    } else {
      c_ = false;
    }
    a_ = r;
  }
  AG_CPU_INLINE void ane(uint8_t v) { set_nz(a_ = (a_ | 0xEE) & x_ & v); }
  AG_CPU_INLINE void lxa(uint8_t v) { set_nz(a_ = x_ = (a_ | 0xEE) & v); }
  AG_CPU_INLINE void sbx(uint8_t v) {
    uint8_t t = a_ & x_;
    c_ = t >= v;
    set_nz(x_ = static_cast<uint8_t>(t - v));
  }
  AG_CPU_INLINE void las(uint8_t v) { set_nz(a_ = x_ = sp_ = sp_ & v); }
  // SHA/SHX/SHY/SHS: value ANDed with (high byte of the final address + 1).
  template <Mode M>
  AG_CPU_INLINE void store_high_and(uint16_t addr, uint8_t v) {
    wr_at<M>(addr, static_cast<uint8_t>(v & ((addr >> 8) + 1)));
  }

  // ---- control flow ----------------------------------------------------
  AG_CPU_INLINE void push(uint8_t v) { wr(static_cast<uint16_t>(0x100 | sp_--), v); }
  AG_CPU_INLINE uint8_t stack() { return rd(static_cast<uint16_t>(0x100 | sp_)); }
  // The stack read ALE's core does before pulling (PLA, PLP, RTS, RTI).
  AG_CPU_INLINE void stack_then_up() {
    rd_first<0>(static_cast<uint16_t>(0x100 | sp_));
    ++sp_;
  }

  // `budget`: instructions run() may still execute after this one.
  AG_CPU_INLINE void branch(bool taken, uint32_t& budget) {
    fetch_only<1>();
    skip(1);
    if (!taken) return;
    const int8_t offset = static_cast<int8_t>(operand_byte());
    uint32_t extra = 1;
    if (const uintptr_t dest = ip_ + offset; in_window(dest)) [[likely]] {
      // Into the next or previous 256-byte page: PC's low byte plus the
      // offset leaves 0-255 (bit 8 set, negative sums included).
      extra += ((static_cast<uint8_t>(pc()) + offset) >> 8) & 1;
      ip_ = dest;
    } else {
      const uint16_t from = pc();
      const uint16_t to = static_cast<uint16_t>(from + offset);
      if ((to ^ from) & 0xFF00) extra = 2;
      set_pc(to);
    }
    cycles(extra);
    // Only loops over a 1- or 3-byte instruction are skipped (offsets -3, -5).
    if ((operand_byte() | 0x06) == 0xFF) [[unlikely]] {
      if (operand_byte() == kBackOverAbsoluteRead)
        skip_quiet_polls(kBaseCycles[ir_] + extra, budget);
      else if (operand_byte() == kBackOverImplied)
        skip_countdown(kBaseCycles[ir_] + extra, budget);
    }
  }

  // Delay loops. Games time horizontal positions with loops such as
  // `delay: DEY / BPL delay` that touch nothing but one register and the
  // flags: every pass but the last is counted at once. Each pass leaves the
  // data bus at the branch offset, as it is now.
  static constexpr uint8_t kBackOverImplied = 0xFD;  // -3
  AG_CPU_INLINE void skip_countdown(uint32_t branch_cycles, uint32_t& budget) {
    if constexpr (requires { bus_.code_page(uint16_t{}); }) {
      // Both instructions in one plain page (so fetching them has no effect).
      if (budget < 2 || (pc() & (kCodePageSize - 1)) > kCodePageSize - 3) return;
      const uint8_t* code = code_at_pc();
      if (!code) return;
      const uint8_t op = code[0];
      if (op != 0xCA && op != 0x88) return;  // DEX, DEY
      // Passes after this one that the branch takes again: with r the
      // register now, pass j leaves r - j (mod 256). (The flags that took
      // this branch need not come from r: the loop may have been entered at
      // the branch.)
      const uint32_t r = op == 0xCA ? x_ : y_;
      uint32_t passes;
      // clang-format off
      switch (ir_) {
        case 0xD0: passes = (r - 1) & 0xFF; break;                        // BNE: until 0
        case 0x10: passes = r <= 0x80 ? r : 0; break;                     // BPL: until $FF
        case 0x30: passes = r > 0x80 ? r - 0x80 : (r == 0 ? 0x80 : 0); break;  // BMI: until $7F
        default: return;
      }
      // clang-format on
      passes = std::min(passes, budget / 2);
      if (passes == 0) return;
      budget -= 2 * passes;
      cycles(passes * (kBaseCycles[op] + branch_cycles));
      const uint8_t last = static_cast<uint8_t>(r - passes);
      if (op == 0xCA)
        x_ = last;
      else
        y_ = last;
      set_nz(last);
    }
  }

  // Timer polling. Most games wait for the RIOT timer in a two-instruction
  // loop, e.g. `wait: LDA INTIM / BNE wait`: an absolute read (LDA, LDX,
  // LDY, BIT) and a branch back over it (offset -5) on a flag that read sets.
  // Each pass only reads the timer, whose value is a function of the clock,
  // so the passes before the one that leaves the loop can be counted instead
  // of run: same clock, instruction count and registers at the end, and the
  // data bus already holds what each pass leaves there (the branch offset).
  // Passes that would change the RIOT (the first INTIM read past expiry) or
  // exceed the instruction budget are run as usual.
  static constexpr uint8_t kBackOverAbsoluteRead = 0xFB;  // -5
  AG_CPU_INLINE void skip_quiet_polls(uint32_t branch_cycles, uint32_t& budget) {
    if constexpr (requires(uint8_t v) { bus_.quiet_polls(uint16_t{}, 0, 0, 0, 0, false, v); }) {
      // The whole loop (5 bytes) in one plain page: no fetch has side effects.
      if (budget < 2 || (pc() & (kCodePageSize - 1)) > kCodePageSize - 5) return;
      const uint8_t* code = code_at_pc();
      if (!code) return;
      const uint8_t op = code[0];
      const bool bit_test = op == 0x2C;
      if (!bit_test && op != 0xAD && op != 0xAE && op != 0xAC) return;
      // The flag the branch tests as the read sets it: continue while
      // ((value & mask) != 0) == want_set.
      uint8_t mask;
      bool want_set;
      // clang-format off
      switch (ir_) {
        case 0x10: mask = 0x80, want_set = false; break;                 // BPL
        case 0x30: mask = 0x80, want_set = true; break;                  // BMI
        case 0xD0: mask = bit_test ? a_ : 0xFF, want_set = true; break;  // BNE
        case 0xF0: mask = bit_test ? a_ : 0xFF, want_set = false; break; // BEQ
        case 0x50: mask = 0x40, want_set = false; break;                 // BVC
        case 0x70: mask = 0x40, want_set = true; break;                  // BVS
        default: return;  // BCC/BCS: the read leaves C alone
      }
      // clang-format on
      if (mask == 0x40 && !bit_test) return;  // loads leave V alone
      const uint16_t addr = static_cast<uint16_t>(code[1] | (code[2] << 8));
      const uint32_t read_cycles = kBaseCycles[op];
      const uint32_t period = read_cycles + branch_cycles;
      uint8_t last = 0;
      const uint32_t polls =
          bus_.quiet_polls(addr, elapsed_ + read_cycles, period, budget / 2, mask, want_set, last);
      if (polls == 0) return;
      budget -= 2 * polls;
      cycles(polls * period);
      // clang-format off
      switch (op) {
        case 0xAD: lda(last); break;
        case 0xAE: ldx(last); break;
        case 0xAC: ldy(last); break;
        default: bit(last); break;
      }
      // clang-format on
    }
  }

  // PC points at the target's high byte, read last.
  AG_CPU_INLINE void jsr() {
    skip(1);
    rd_first<1>(static_cast<uint16_t>(0x100 | sp_));
    const uint16_t pc = this->pc();
    push(static_cast<uint8_t>(pc >> 8));
    push(static_cast<uint8_t>(pc));
    set_pc(static_cast<uint16_t>(operand_byte() | (rd(pc) << 8)));
  }
  // RTS and RTI step SP through a local: GCC otherwise adds to SP's stack
  // slot in place and reads it back 8 bytes wide, a load the store buffer
  // cannot forward from a 1-byte store (a stall of ~15 cycles per RTS).
  AG_CPU_INLINE void rts() {
    const uint8_t sp = sp_;
    rd_first<0>(static_cast<uint16_t>(0x100 | sp));
    const uint16_t lo = rd(static_cast<uint16_t>(0x100 | static_cast<uint8_t>(sp + 1)));
    const uint16_t hi = rd(static_cast<uint16_t>(0x100 | static_cast<uint8_t>(sp + 2)));
    sp_ = static_cast<uint8_t>(sp + 2);
    set_pc(static_cast<uint16_t>(lo | (hi << 8)));
    rd(pc());
    skip(1);
  }
  AG_CPU_INLINE void rti() {
    const uint8_t sp = sp_;
    rd_first<0>(static_cast<uint16_t>(0x100 | sp));
    set_p(rd(static_cast<uint16_t>(0x100 | static_cast<uint8_t>(sp + 1))));
    const uint16_t lo = rd(static_cast<uint16_t>(0x100 | static_cast<uint8_t>(sp + 2)));
    const uint16_t hi = rd(static_cast<uint16_t>(0x100 | static_cast<uint8_t>(sp + 3)));
    sp_ = static_cast<uint8_t>(sp + 3);
    set_pc(static_cast<uint16_t>(lo | (hi << 8)));
  }
  // BRK skips its padding byte (its operand), pushes PC and P (B set) and
  // takes the $FFFE vector; NMOS: D is left alone.
  AG_CPU_INLINE void brk() {
    skip(1);
    b_ = true;
    const uint16_t pc = this->pc();
    wr_first<1>(static_cast<uint16_t>(0x100 | sp_--), static_cast<uint8_t>(pc >> 8));
    push(static_cast<uint8_t>(pc));
    push(p());
    i_ = true;
    uint16_t lo = rd(0xFFFE);
    set_pc(static_cast<uint16_t>(lo | (rd(0xFFFF) << 8)));
  }
  AG_CPU_INLINE void jmp_indirect() {
    uint16_t ptr = operand_word();
    // NMOS quirk: the pointer's high byte is read without carry into its page.
    uint16_t lo = rd_first<2>(ptr);
    set_pc(static_cast<uint16_t>(lo | (rd((ptr & 0xFF00) | ((ptr + 1) & 0xFF)) << 8)));
  }

  Bus& bus_;
  uintptr_t ip_;                    // PC as a host address (see pc())
  uintptr_t limit_ = 0;             // end of the window's fetch range, or 0
  uintptr_t lo_ = 0;                // its first byte
  uintptr_t span_ = 0;              // limit_ - lo_, or 0
  uintptr_t bias_ = kUncachedBias;  // ip_ - PC
  uint8_t a_, x_, y_, sp_, ir_;
  uint16_t operand_ = 0;  // operand bytes of the current instruction, first one low
  uint32_t elapsed_ = 0;  // cycles the bus has not been given yet (see cpu.hpp)
  uint32_t nz_ = 1;       // N and Z (see set_nz())
  bool v_ = false, b_ = true, d_ = false, i_ = false, c_ = false;
};

template <class Bus, bool kNextFetchFollows>
template <int Op>
AG_CPU_INLINE typename CpuCore<Bus, kNextFetchFollows>::Step
CpuCore<Bus, kNextFetchFollows>::execute(uint32_t& budget) {
  using M = Mode;
  using C = CpuCore;
  // A constant: the compiler sets it only on the paths that leave run().
  ir_ = Op;
  // One line per opcode: the table reads best unformatted (only Op's line is
  // compiled in). AG_OPCODE(op) starts its case: steps over the opcode and
  // adds its base cycles (one addition to PC with the operand bytes the case
  // steps over).
#define AG_OPCODE(op) \
  case op:            \
    begin(kBaseCycles[op]);
  // clang-format off
  switch (Op) {
    // ---- loads, logic and arithmetic (read instructions) ----
    AG_OPCODE(0xA9) lda(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xA5) lda(load<M::Zp>()); break;
    AG_OPCODE(0xB5) lda(load<M::ZpX>()); break;
    AG_OPCODE(0xAD) lda(load<M::Abs>()); break;
    AG_OPCODE(0xBD) lda(load<M::AbsX>()); break;
    AG_OPCODE(0xB9) lda(load<M::AbsY>()); break;
    AG_OPCODE(0xA1) lda(load<M::IndX>()); break;
    AG_OPCODE(0xB1) lda(load<M::IndY>()); break;

    AG_OPCODE(0xA2) ldx(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xA6) ldx(load<M::Zp>()); break;
    AG_OPCODE(0xB6) ldx(load<M::ZpY>()); break;
    AG_OPCODE(0xAE) ldx(load<M::Abs>()); break;
    AG_OPCODE(0xBE) ldx(load<M::AbsY>()); break;

    AG_OPCODE(0xA0) ldy(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xA4) ldy(load<M::Zp>()); break;
    AG_OPCODE(0xB4) ldy(load<M::ZpX>()); break;
    AG_OPCODE(0xAC) ldy(load<M::Abs>()); break;
    AG_OPCODE(0xBC) ldy(load<M::AbsX>()); break;

    AG_OPCODE(0x09) ora(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x05) ora(load<M::Zp>()); break;
    AG_OPCODE(0x15) ora(load<M::ZpX>()); break;
    AG_OPCODE(0x0D) ora(load<M::Abs>()); break;
    AG_OPCODE(0x1D) ora(load<M::AbsX>()); break;
    AG_OPCODE(0x19) ora(load<M::AbsY>()); break;
    AG_OPCODE(0x01) ora(load<M::IndX>()); break;
    AG_OPCODE(0x11) ora(load<M::IndY>()); break;

    AG_OPCODE(0x29) and_(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x25) and_(load<M::Zp>()); break;
    AG_OPCODE(0x35) and_(load<M::ZpX>()); break;
    AG_OPCODE(0x2D) and_(load<M::Abs>()); break;
    AG_OPCODE(0x3D) and_(load<M::AbsX>()); break;
    AG_OPCODE(0x39) and_(load<M::AbsY>()); break;
    AG_OPCODE(0x21) and_(load<M::IndX>()); break;
    AG_OPCODE(0x31) and_(load<M::IndY>()); break;

    AG_OPCODE(0x49) eor(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x45) eor(load<M::Zp>()); break;
    AG_OPCODE(0x55) eor(load<M::ZpX>()); break;
    AG_OPCODE(0x4D) eor(load<M::Abs>()); break;
    AG_OPCODE(0x5D) eor(load<M::AbsX>()); break;
    AG_OPCODE(0x59) eor(load<M::AbsY>()); break;
    AG_OPCODE(0x41) eor(load<M::IndX>()); break;
    AG_OPCODE(0x51) eor(load<M::IndY>()); break;

    AG_OPCODE(0x69) adc(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x65) adc(load<M::Zp>()); break;
    AG_OPCODE(0x75) adc(load<M::ZpX>()); break;
    AG_OPCODE(0x6D) adc(load<M::Abs>()); break;
    AG_OPCODE(0x7D) adc(load<M::AbsX>()); break;
    AG_OPCODE(0x79) adc(load<M::AbsY>()); break;
    AG_OPCODE(0x61) adc(load<M::IndX>()); break;
    AG_OPCODE(0x71) adc(load<M::IndY>()); break;

    case 0xE9: case 0xEB: begin(kBaseCycles[Op]); sbc(load<M::Imm>()); return kQuiet;  // $EB: undocumented alias
    AG_OPCODE(0xE5) sbc(load<M::Zp>()); break;
    AG_OPCODE(0xF5) sbc(load<M::ZpX>()); break;
    AG_OPCODE(0xED) sbc(load<M::Abs>()); break;
    AG_OPCODE(0xFD) sbc(load<M::AbsX>()); break;
    AG_OPCODE(0xF9) sbc(load<M::AbsY>()); break;
    AG_OPCODE(0xE1) sbc(load<M::IndX>()); break;
    AG_OPCODE(0xF1) sbc(load<M::IndY>()); break;

    AG_OPCODE(0xC9) compare(a_, load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xC5) compare(a_, load<M::Zp>()); break;
    AG_OPCODE(0xD5) compare(a_, load<M::ZpX>()); break;
    AG_OPCODE(0xCD) compare(a_, load<M::Abs>()); break;
    AG_OPCODE(0xDD) compare(a_, load<M::AbsX>()); break;
    AG_OPCODE(0xD9) compare(a_, load<M::AbsY>()); break;
    AG_OPCODE(0xC1) compare(a_, load<M::IndX>()); break;
    AG_OPCODE(0xD1) compare(a_, load<M::IndY>()); break;

    AG_OPCODE(0xE0) compare(x_, load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xE4) compare(x_, load<M::Zp>()); break;
    AG_OPCODE(0xEC) compare(x_, load<M::Abs>()); break;
    AG_OPCODE(0xC0) compare(y_, load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xC4) compare(y_, load<M::Zp>()); break;
    AG_OPCODE(0xCC) compare(y_, load<M::Abs>()); break;

    AG_OPCODE(0x24) bit(load<M::Zp>()); break;
    AG_OPCODE(0x2C) bit(load<M::Abs>()); break;

    // ---- stores ----
    AG_OPCODE(0x85) store<M::Zp>(a_); break;
    AG_OPCODE(0x95) store<M::ZpX>(a_); break;
    AG_OPCODE(0x8D) store<M::Abs>(a_); break;
    AG_OPCODE(0x9D) store<M::AbsX>(a_); break;
    AG_OPCODE(0x99) store<M::AbsY>(a_); break;
    AG_OPCODE(0x81) store<M::IndX>(a_); break;
    AG_OPCODE(0x91) store<M::IndY>(a_); break;
    AG_OPCODE(0x86) store<M::Zp>(x_); break;
    AG_OPCODE(0x96) store<M::ZpY>(x_); break;
    AG_OPCODE(0x8E) store<M::Abs>(x_); break;
    AG_OPCODE(0x84) store<M::Zp>(y_); break;
    AG_OPCODE(0x94) store<M::ZpX>(y_); break;
    AG_OPCODE(0x8C) store<M::Abs>(y_); break;

    // ---- read-modify-write ----
    AG_OPCODE(0x06) rmw<M::Zp, &C::asl>(); break;
    AG_OPCODE(0x16) rmw<M::ZpX, &C::asl>(); break;
    AG_OPCODE(0x0E) rmw<M::Abs, &C::asl>(); break;
    AG_OPCODE(0x1E) rmw<M::AbsX, &C::asl>(); break;
    AG_OPCODE(0x46) rmw<M::Zp, &C::lsr>(); break;
    AG_OPCODE(0x56) rmw<M::ZpX, &C::lsr>(); break;
    AG_OPCODE(0x4E) rmw<M::Abs, &C::lsr>(); break;
    AG_OPCODE(0x5E) rmw<M::AbsX, &C::lsr>(); break;
    AG_OPCODE(0x26) rmw<M::Zp, &C::rol>(); break;
    AG_OPCODE(0x36) rmw<M::ZpX, &C::rol>(); break;
    AG_OPCODE(0x2E) rmw<M::Abs, &C::rol>(); break;
    AG_OPCODE(0x3E) rmw<M::AbsX, &C::rol>(); break;
    AG_OPCODE(0x66) rmw<M::Zp, &C::ror>(); break;
    AG_OPCODE(0x76) rmw<M::ZpX, &C::ror>(); break;
    AG_OPCODE(0x6E) rmw<M::Abs, &C::ror>(); break;
    AG_OPCODE(0x7E) rmw<M::AbsX, &C::ror>(); break;
    AG_OPCODE(0xE6) rmw<M::Zp, &C::inc>(); break;
    AG_OPCODE(0xF6) rmw<M::ZpX, &C::inc>(); break;
    AG_OPCODE(0xEE) rmw<M::Abs, &C::inc>(); break;
    AG_OPCODE(0xFE) rmw<M::AbsX, &C::inc>(); break;
    AG_OPCODE(0xC6) rmw<M::Zp, &C::dec>(); break;
    AG_OPCODE(0xD6) rmw<M::ZpX, &C::dec>(); break;
    AG_OPCODE(0xCE) rmw<M::Abs, &C::dec>(); break;
    AG_OPCODE(0xDE) rmw<M::AbsX, &C::dec>(); break;

    // ---- accumulator shifts and register ops (no bus access after the fetch) ----
    AG_OPCODE(0x0A) fetch_only<0>(); a_ = asl(a_); return kQuiet;
    AG_OPCODE(0x4A) fetch_only<0>(); a_ = lsr(a_); return kQuiet;
    AG_OPCODE(0x2A) fetch_only<0>(); a_ = rol(a_); return kQuiet;
    AG_OPCODE(0x6A) fetch_only<0>(); a_ = ror(a_); return kQuiet;
    AG_OPCODE(0xAA) fetch_only<0>(); set_nz(x_ = a_); return kQuiet;  // TAX
    AG_OPCODE(0xA8) fetch_only<0>(); set_nz(y_ = a_); return kQuiet;  // TAY
    AG_OPCODE(0x8A) fetch_only<0>(); set_nz(a_ = x_); return kQuiet;  // TXA
    AG_OPCODE(0x98) fetch_only<0>(); set_nz(a_ = y_); return kQuiet;  // TYA
    AG_OPCODE(0xBA) fetch_only<0>(); set_nz(x_ = sp_); return kQuiet;  // TSX
    AG_OPCODE(0x9A) fetch_only<0>(); sp_ = x_; return kQuiet;  // TXS
    AG_OPCODE(0xE8) fetch_only<0>(); set_nz(++x_); return kQuiet;  // INX
    AG_OPCODE(0xC8) fetch_only<0>(); set_nz(++y_); return kQuiet;  // INY
    AG_OPCODE(0xCA) fetch_only<0>(); set_nz(--x_); return kQuiet;  // DEX
    AG_OPCODE(0x88) fetch_only<0>(); set_nz(--y_); return kQuiet;  // DEY
    AG_OPCODE(0x18) fetch_only<0>(); c_ = false; return kQuiet;
    AG_OPCODE(0x38) fetch_only<0>(); c_ = true; return kQuiet;
    AG_OPCODE(0x58) fetch_only<0>(); i_ = false; return kQuiet;
    AG_OPCODE(0x78) fetch_only<0>(); i_ = true; return kQuiet;
    AG_OPCODE(0xB8) fetch_only<0>(); v_ = false; return kQuiet;
    AG_OPCODE(0xD8) fetch_only<0>(); d_ = false; return kQuiet;
    AG_OPCODE(0xF8) fetch_only<0>(); d_ = true; return kQuiet;
    case 0xEA: case 0x1A: case 0x3A: case 0x5A: case 0x7A: case 0xDA: case 0xFA: begin(kBaseCycles[Op]); fetch_only<0>(); return kQuiet;

    // ---- stack ----
    AG_OPCODE(0x48) wr_first<0>(static_cast<uint16_t>(0x100 | sp_--), a_); break;  // PHA
    AG_OPCODE(0x08) wr_first<0>(static_cast<uint16_t>(0x100 | sp_--), p()); break; // PHP
    AG_OPCODE(0x68) stack_then_up(); lda(stack()); break;    // PLA
    AG_OPCODE(0x28) stack_then_up(); set_p(stack()); break;  // PLP

    // ---- control flow ----
    AG_OPCODE(0x10) branch(!flag_n(), budget); return kQuiet;  // BPL
    AG_OPCODE(0x30) branch(flag_n(), budget); return kQuiet;   // BMI
    AG_OPCODE(0x50) branch(!v_, budget); return kQuiet;           // BVC
    AG_OPCODE(0x70) branch(v_, budget); return kQuiet;            // BVS
    AG_OPCODE(0x90) branch(!c_, budget); return kQuiet;           // BCC
    AG_OPCODE(0xB0) branch(c_, budget); return kQuiet;            // BCS
    AG_OPCODE(0xD0) branch(!flag_z(), budget); return kQuiet;  // BNE
    AG_OPCODE(0xF0) branch(flag_z(), budget); return kQuiet;   // BEQ
    AG_OPCODE(0x4C) fetch_only<2>(); set_pc(operand_word()); return kQuiet;
    AG_OPCODE(0x6C) jmp_indirect(); break;
    AG_OPCODE(0x20) jsr(); break;
    AG_OPCODE(0x60) rts(); break;
    AG_OPCODE(0x40) rti(); break;
    AG_OPCODE(0x00) brk(); break;

    // ---- undocumented: NOPs with operands (they still read it) ----
    case 0x80: case 0x82: case 0x89: case 0xC2: case 0xE2: begin(kBaseCycles[Op]); load<M::Imm>(); return kQuiet;
    case 0x04: case 0x44: case 0x64: begin(kBaseCycles[Op]); load<M::Zp>(); break;
    case 0x14: case 0x34: case 0x54: case 0x74: case 0xD4: case 0xF4: begin(kBaseCycles[Op]); load<M::ZpX>(); break;
    AG_OPCODE(0x0C) load<M::Abs>(); break;
    case 0x1C: case 0x3C: case 0x5C: case 0x7C: case 0xDC: case 0xFC: begin(kBaseCycles[Op]); load<M::AbsX>(); break;

    // ---- undocumented: loads/stores ----
    AG_OPCODE(0xA7) lax(load<M::Zp>()); break;
    AG_OPCODE(0xB7) lax(load<M::ZpY>()); break;
    AG_OPCODE(0xAF) lax(load<M::Abs>()); break;
    AG_OPCODE(0xBF) lax(load<M::AbsY>()); break;
    AG_OPCODE(0xA3) lax(load<M::IndX>()); break;
    AG_OPCODE(0xB3) lax(load<M::IndY>()); break;
    AG_OPCODE(0x87) store<M::Zp>(a_ & x_); break;  // SAX
    AG_OPCODE(0x97) store<M::ZpY>(a_ & x_); break;
    AG_OPCODE(0x8F) store<M::Abs>(a_ & x_); break;
    AG_OPCODE(0x83) store<M::IndX>(a_ & x_); break;
    AG_OPCODE(0xBB) las(load<M::AbsY>()); break;
    AG_OPCODE(0x93) store_high_and<M::IndY>(target<M::IndY>(), a_ & x_); break;  // SHA
    AG_OPCODE(0x9F) store_high_and<M::AbsY>(target<M::AbsY>(), a_ & x_); break;  // SHA
    AG_OPCODE(0x9E) store_high_and<M::AbsY>(target<M::AbsY>(), x_); break;       // SHX
    AG_OPCODE(0x9C) store_high_and<M::AbsX>(target<M::AbsX>(), y_); break;       // SHY
    AG_OPCODE(0x9B) {                                                   // SHS
      uint16_t addr = target<M::AbsY>();
      sp_ = a_ & x_;
      store_high_and<M::AbsY>(addr, sp_);
      break;
    }

    // ---- undocumented: immediate ----
    case 0x0B: case 0x2B: begin(kBaseCycles[Op]); anc(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x4B) alr(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x6B) arr(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0x8B) ane(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xAB) lxa(load<M::Imm>()); return kQuiet;
    AG_OPCODE(0xCB) sbx(load<M::Imm>()); return kQuiet;

    // ---- undocumented: read-modify-write combinations ----
    AG_OPCODE(0x07) rmw<M::Zp, &C::slo>(); break;
    AG_OPCODE(0x17) rmw<M::ZpX, &C::slo>(); break;
    AG_OPCODE(0x0F) rmw<M::Abs, &C::slo>(); break;
    AG_OPCODE(0x1F) rmw<M::AbsX, &C::slo>(); break;
    AG_OPCODE(0x1B) rmw<M::AbsY, &C::slo>(); break;
    AG_OPCODE(0x03) rmw<M::IndX, &C::slo>(); break;
    AG_OPCODE(0x13) rmw<M::IndY, &C::slo>(); break;
    AG_OPCODE(0x27) rmw<M::Zp, &C::rla>(); break;
    AG_OPCODE(0x37) rmw<M::ZpX, &C::rla>(); break;
    AG_OPCODE(0x2F) rmw<M::Abs, &C::rla>(); break;
    AG_OPCODE(0x3F) rmw<M::AbsX, &C::rla>(); break;
    AG_OPCODE(0x3B) rmw<M::AbsY, &C::rla>(); break;
    AG_OPCODE(0x23) rmw<M::IndX, &C::rla>(); break;
    AG_OPCODE(0x33) rmw<M::IndY, &C::rla>(); break;
    AG_OPCODE(0x47) rmw<M::Zp, &C::sre>(); break;
    AG_OPCODE(0x57) rmw<M::ZpX, &C::sre>(); break;
    AG_OPCODE(0x4F) rmw<M::Abs, &C::sre>(); break;
    AG_OPCODE(0x5F) rmw<M::AbsX, &C::sre>(); break;
    AG_OPCODE(0x5B) rmw<M::AbsY, &C::sre>(); break;
    AG_OPCODE(0x43) rmw<M::IndX, &C::sre>(); break;
    AG_OPCODE(0x53) rmw<M::IndY, &C::sre>(); break;
    AG_OPCODE(0x67) rmw<M::Zp, &C::rra>(); break;
    AG_OPCODE(0x77) rmw<M::ZpX, &C::rra>(); break;
    AG_OPCODE(0x6F) rmw<M::Abs, &C::rra>(); break;
    AG_OPCODE(0x7F) rmw<M::AbsX, &C::rra>(); break;
    AG_OPCODE(0x7B) rmw<M::AbsY, &C::rra>(); break;
    AG_OPCODE(0x63) rmw<M::IndX, &C::rra>(); break;
    AG_OPCODE(0x73) rmw<M::IndY, &C::rra>(); break;
    AG_OPCODE(0xC7) rmw<M::Zp, &C::dcp>(); break;
    AG_OPCODE(0xD7) rmw<M::ZpX, &C::dcp>(); break;
    AG_OPCODE(0xCF) rmw<M::Abs, &C::dcp>(); break;
    AG_OPCODE(0xDF) rmw<M::AbsX, &C::dcp>(); break;
    AG_OPCODE(0xDB) rmw<M::AbsY, &C::dcp>(); break;
    AG_OPCODE(0xC3) rmw<M::IndX, &C::dcp>(); break;
    AG_OPCODE(0xD3) rmw<M::IndY, &C::dcp>(); break;
    AG_OPCODE(0xE7) rmw<M::Zp, &C::isb>(); break;
    AG_OPCODE(0xF7) rmw<M::ZpX, &C::isb>(); break;
    AG_OPCODE(0xEF) rmw<M::Abs, &C::isb>(); break;
    AG_OPCODE(0xFF) rmw<M::AbsX, &C::isb>(); break;
    AG_OPCODE(0xFB) rmw<M::AbsY, &C::isb>(); break;
    AG_OPCODE(0xE3) rmw<M::IndX, &C::isb>(); break;
    AG_OPCODE(0xF3) rmw<M::IndY, &C::isb>(); break;

    // $02,$12,...,$F2 (KIL/JAM): not implemented by ALE's core, which flags a
    // fatal error and never executes again.
    default:
      begin(kBaseCycles[Op]);
      fetch_only<0>();
      return kJammed;
  }
    // clang-format on
#undef AG_OPCODE
  return kAccessed;
}

}  // namespace cpu_detail

template <class Bus>
void Cpu<Bus>::reset(Bus& bus) {
  // ALE's M6502::reset: A = X = Y = 0, SP = $FF, P from $20 with B forced on
  // (reads back $30); nothing random. The vector is read without clocking.
  // Clears a jam (ALE clears its fatal-error flag); the instruction count and
  // IR survive, as in ALE.
  CpuState fresh;
  fresh.instructions = s_.instructions;
  fresh.ir = s_.ir;
  fresh.p = 0x30;
  s_ = fresh;
  s_.pc = static_cast<uint16_t>(bus.peek(0xFFFC) | (bus.peek(0xFFFD) << 8));
}

template <class Bus>
void Cpu<Bus>::step(Bus& bus) {
  // run() with no budget after the instruction: no loop is counted in bulk.
  run(bus, 1);
}

template <class Bus>
uint32_t Cpu<Bus>::run(Bus& bus, uint32_t max_instructions) {
  if (s_.jammed || max_instructions == 0) return 0;
  // All instructions but the last with the shortcut of
  // CpuCore::kNextFetchFollows (the last access's kind not recorded), the
  // last one without it: between runs the bus state is exact.
  uint32_t done = 0;
  bool ended = false;
  if (max_instructions > 1) {
    done = run_core<true>(bus, max_instructions - 1, ended);
    if (ended) return done;
  }
  return done + run_core<false>(bus, 1, ended);
}

template <class Bus>
template <bool kNextFetchFollows>
uint32_t Cpu<Bus>::run_core(Bus& bus, uint32_t max_instructions, bool& ended) {
  using Core = cpu_detail::CpuCore<Bus, kNextFetchFollows>;
  Core core(bus, s_);
  // Threaded dispatch (labels as values; GCC, see Clang below): each opcode's code
  // ends with its own copy of the next fetch and indirect jump (AG_NEXT), so
  // no jump back to a shared loop head, and each jump is predicted from the
  // opcode before it. (Here, not in CpuCore: a function with a computed
  // goto is never inlined, and the core must be a local to live in registers.)
  // clang-format off
#define AG_ROW(h, X) X(h##0) X(h##1) X(h##2) X(h##3) X(h##4) X(h##5) X(h##6) X(h##7) \
                     X(h##8) X(h##9) X(h##A) X(h##B) X(h##C) X(h##D) X(h##E) X(h##F)
#define AG_ALL(X) AG_ROW(0, X) AG_ROW(1, X) AG_ROW(2, X) AG_ROW(3, X) AG_ROW(4, X) AG_ROW(5, X) \
                  AG_ROW(6, X) AG_ROW(7, X) AG_ROW(8, X) AG_ROW(9, X) AG_ROW(A, X) AG_ROW(B, X) \
                  AG_ROW(C, X) AG_ROW(D, X) AG_ROW(E, X) AG_ROW(F, X)
  // `left`: instructions that may still run after the current one.
  uint32_t left = max_instructions;
  bool jammed;
#if defined(__clang__)
  // Clang 14 compiles the threaded form below to half the speed (measured:
  // ~25k vs ~50k frames/s on Space Invaders); with it, one switch in a loop.
#define AG_CODE(n)                                                          \
  case 0x##n:                                                               \
    switch (core.template execute<0x##n>(left)) {                           \
      case Core::kQuiet: continue;                                          \
      case Core::kAccessed:                                                 \
        if (core.reached_chip() && core.stop_after_chip()) goto finished;   \
        continue;                                                           \
      case Core::kJammed: goto jam;                                         \
    }                                                                       \
    continue;
  for (;;) {
    if (left == 0) goto out_of_budget;
    --left;
    switch (core.code_cached() ? core.fetch_cached() : core.fetch_uncached()) {
      AG_ALL(AG_CODE)
    }
  }
#undef AG_CODE
#else
#define AG_ADDRESS(n) &&op_##n,
  static const void* const kDispatch[256] = {AG_ALL(AG_ADDRESS)};
  // The next instruction if the budget allows; a fetch from outside the
  // cached code page is made out of line. (Both tests as asm goto: GCC made
  // test/lea/je of `--left`, and loaded the spilled page limit into a
  // register before comparing instead of comparing with memory.)
#define AG_NEXT                                                            \
  asm goto("subl $1, %0\n\tjc %l[out_of_budget]" : "+r"(left) : : "cc" : out_of_budget); \
  asm goto("cmpq %1, %0\n\tjae %l[slow_fetch]"                            \
           : : "r"(core.code_ip()), "rm"(core.code_limit()) : "cc" : slow_fetch); \
  goto* kDispatch[core.fetch_cached()];
  // After an instruction that made an access: only an access to a chip can
  // raise the stop line or switch banks, and only such an access leaves the
  // CPU's outstanding cycles at 0 (CpuCore::reached_chip()). The check is
  // each opcode's own: a shared one would be a join on the hot path, where
  // GCC materialises the opcode (IR, saved on exit) in a register.
#define AG_CODE(n)                                               \
  op_##n:                                                        \
  switch (core.template execute<0x##n>(left)) {                  \
    case Core::kQuiet: AG_NEXT                                   \
    case Core::kAccessed:                                        \
      if (core.reached_chip() && core.stop_after_chip()) goto finished; \
      AG_NEXT                                                    \
    case Core::kJammed: goto jam;                                \
  }
  AG_NEXT
slow_fetch:
  goto* kDispatch[core.fetch_uncached()];
  AG_ALL(AG_CODE)
  // clang-format on
#undef AG_CODE
#undef AG_NEXT
#undef AG_ADDRESS
#endif
#undef AG_ALL
#undef AG_ROW
out_of_budget:
  left = 0;
  ended = false;
  jammed = false;
  goto out;
finished:  // the stop line
  ended = true;
  jammed = false;
  goto out;
jam:
  ended = true;
  jammed = true;
out:
  const uint32_t done = max_instructions - left;
  core.finish();
  core.save(s_);
  s_.jammed = jammed;
  s_.instructions += done;
  return done;
}

}  // namespace ag::emu

#undef AG_CPU_INLINE
