// The 6507's bus: decodes the 13 address lines to the chips, the way ALE's
// System page table does (64-byte pages):
//   A12 = 1                 cartridge ($1000-$1FFF and mirrors)
//   A12 = 0, A7 = 0         TIA ($00-$7F and mirrors)
//   A12 = 0, A7 = 1, A9 = 0 RIOT RAM ($80-$FF and mirrors)
//   A12 = 0, A7 = 1, A9 = 1 RIOT ports and timer ($280-$29F and mirrors)
// A cartridge may own some 64-byte pages below $1000 (Cartridge::low_pages:
// 3F/3E take $0000-$003F, UA the TIA mirrors at $0200-$027F); those accesses
// go to the cartridge, which passes them on to the TIA through TiaLink.
// The CPU instantiates its template with this type.
//
// Time (see cpu.hpp): accesses take no time; the CPU counts each
// instruction's cycles right after its opcode fetch (plus page-crossing and
// branch extras), as ALE's CPU core M6502Low does. It keeps that count to
// itself (`elapsed`) and passes it with every access: an access that reaches
// a chip or a mapper first adds it to the clock, so they all see exact time,
// while plain memory accesses leave it where it is (the hot path never
// touches the clock in memory).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "emu/bus_state.hpp"
#include "emu/cartridge.hpp"
#include "emu/riot.hpp"
#include "emu/tia.hpp"

#define AG_BUS_INLINE inline __attribute__((always_inline))

namespace ag::emu {

// The TIA as a cartridge reaches it when it chains an access on.
class TiaLink final : public TiaPort {
 public:
  uint8_t peek(uint16_t addr) override { return tia->read(addr); }
  void poke(uint16_t addr, uint8_t value) override {
    ++writes;
    tia->write(addr, value);
  }
  Tia* tia = nullptr;
  uint64_t writes = 0;
};

class Bus {
 public:
  static constexpr int kPageBits = Cartridge::kPageBits;
  static constexpr uint16_t kPageOffset = Cartridge::kPageSize - 1;

  // The shared state lives here (the hot path reaches it without an
  // indirection); the chips get a reference to it.
  BusState& state() { return s_; }
  const BusState& state() const { return s_; }

  void connect(Tia& tia, Riot& riot) {
    tia_ = &tia;
    riot_ = &riot;
    // The RIOT's RAM is in the shared state: the RIOT must be on this bus's.
    if (riot.ram() != s_.ram.data()) throw std::logic_error("RIOT built on another bus's state");
    link_.tia = &tia;
  }
  void attach_cartridge(Cartridge* cart) {
    // The inline RAM paths don't look at low pages: mappers may only claim
    // TIA pages (A7 = 0), as 3F, 3E and UA do.
    if (cart->low_pages() & kPagesWithA7)
      throw std::logic_error("cartridge claims a RAM or RIOT page below $1000");
    cart_ = cart;
    low_pages_ = cart->low_pages();
    runs_valid_ = false;
    cart->attach_tia(&link_);
  }

  // Cartridge pages mapped to memory and RIOT RAM are served inline (most
  // accesses); everything else goes out of line, at the exact clock.
  AG_BUS_INLINE uint8_t read(uint16_t addr, uint32_t& elapsed) {
    return read_inline<false>(addr, 0, elapsed);
  }
  AG_BUS_INLINE void write(uint16_t addr, uint8_t v, uint32_t& elapsed) {
    write_inline<false>(addr, v, 0, elapsed);
  }

  // The CPU's first access after an instruction fetch served from a code
  // window, which left `fetched` (its last byte) on the data bus: the fetch
  // itself is not reported (no read_window()), so the bus puts that byte on
  // the data bus only where a chip may see it, before a slow access (TIA
  // reads of undriven bits, WSYNC's last-access-was-a-read check); a fast
  // access overwrites it anyway. One store less per instruction.
  AG_BUS_INLINE uint8_t read_after_fetch(uint16_t addr, uint8_t fetched, uint32_t& elapsed) {
    return read_inline<true>(addr, fetched, elapsed);
  }
  AG_BUS_INLINE void write_after_fetch(uint16_t addr, uint8_t v, uint8_t fetched,
                                       uint32_t& elapsed) {
    write_inline<true>(addr, v, fetched, elapsed);
  }
  AG_BUS_INLINE uint16_t read_pair_after_fetch(uint16_t addr, uint8_t fetched, uint32_t& elapsed) {
    return read_pair_inline<true>(addr, fetched, elapsed);
  }
  // An instruction with no access after its fetch: the fetch's last byte
  // stays on the data bus.
  AG_BUS_INLINE void fetch_only(uint8_t fetched) { read_window(0, 0, fetched); }

  // An instruction's last access when the CPU fetches another instruction
  // next (cpu_impl.hpp, kNextFetchFollows). Only a WSYNC write looks at
  // last_access_read, and every instruction's first access after its fetch
  // sets it (a fetch is a read), so plain memory leaves it alone here (one
  // store less on most instructions). The data bus is stored as always: a
  // fetch from TIA space (crashed code) reads its undriven bits.
  AG_BUS_INLINE uint8_t read_last(uint16_t addr, uint32_t& elapsed) {
    return read_inline<false, false>(addr, 0, elapsed);
  }
  AG_BUS_INLINE void write_last(uint16_t addr, uint8_t v, uint32_t& elapsed) {
    write_inline<false, false>(addr, v, 0, elapsed);
  }
  AG_BUS_INLINE uint8_t read_last_after_fetch(uint16_t addr, uint8_t fetched, uint32_t& elapsed) {
    return read_inline<true, false>(addr, fetched, elapsed);
  }
  AG_BUS_INLINE void write_last_after_fetch(uint16_t addr, uint8_t v, uint8_t fetched,
                                            uint32_t& elapsed) {
    write_inline<true, false>(addr, v, fetched, elapsed);
  }

 private:
  // kFlagFast: a plain memory access sets last_access_read too.
  template <bool kAfterFetch, bool kFlagFast = true>
  AG_BUS_INLINE uint8_t read_inline(uint16_t addr, uint8_t fetched, uint32_t& elapsed) {
    // RAM first (zero-page operands, the stack): no page map to look at.
    const uint8_t* p;
    if (is_ram(addr)) [[likely]] {
      p = s_.ram.data() + (addr & 0x7F);
    } else if (!(addr & 0x1000) || !(p = cart_page(addr))) [[unlikely]] {
      commit(elapsed);
      if constexpr (kAfterFetch) read_window(0, 0, fetched);
      return read_slow(addr);
    } else {
      p += addr & kPageOffset;
    }
    // The byte is loaded before the stores below, which could alias it.
    const uint8_t v = *p;
    s_.data_bus = v;
    if constexpr (kFlagFast) s_.last_access_read = true;
    return v;
  }

  template <bool kAfterFetch, bool kFlagFast = true>
  AG_BUS_INLINE void write_inline(uint16_t addr, uint8_t v, uint8_t fetched, uint32_t& elapsed) {
    if (is_ram(addr)) [[likely]] {
      s_.ram[addr & 0x7F] = v;
      s_.data_bus = v;
      if constexpr (kFlagFast) s_.last_access_read = false;
    } else if (!(addr & 0x1080) && !low_pages_) [[unlikely]] {
      // A TIA register (the most frequent chip access): straight there. Its
      // write handlers look at last_access_read (WSYNC), not at the data
      // bus, which write_tia() sets after: the fetch's byte is not stored.
      // After the fetch (a read) the TIA is told so instead of the flag
      // being stored first. (The flag is stored after even with kFlagFast
      // off: a write that raises the stop line ends the run.)
      commit(elapsed);
      write_tia<kAfterFetch>(addr, v);
    } else {
      commit(elapsed);
      if constexpr (kAfterFetch) read_window(0, 0, fetched);
      write_slow(addr, v);
    }
  }

 public:
  // Accesses with no CPU time outstanding (tests; the reset vector).
  uint8_t read(uint16_t addr) {
    uint32_t none = 0;
    return read(addr, none);
  }
  void write(uint16_t addr, uint8_t v) {
    uint32_t none = 0;
    write(addr, v, none);
  }

  // The CPU's instruction fetch: the 3 bytes at addr when reading them has no
  // side effect (mapped cartridge pages or RAM), else nullptr. Not an access:
  // the CPU then reports what it took with read_window(), which counts as
  // that many reads. The pointer is good until the next bus call.
  AG_BUS_INLINE const uint8_t* code_window(uint16_t addr) {
    if ((addr & kPageOffset) > kPageOffset - 2) return straddling_window(addr);
    return plain_byte(addr);
  }
  // The 64 bytes of the page that starts at `start` (a multiple of 64) if they
  // are plain memory, else nullptr; good until an access reaches a chip or
  // mapper (the only way a page map changes).
  AG_BUS_INLINE const uint8_t* code_page(uint16_t start) const { return plain_byte(start); }
  // Where the byte at `pc` sits if its 64-byte page is plain memory (else
  // nullptr), with the run of such pages around it whose bytes follow on in
  // host memory, as addresses [first, end) (end may be 0x10000): RAM's 128
  // bytes, or a stretch of the cartridge's 4K as its page map now stands
  // (one bank, or one slice). Good as long as code_page()'s pointers are.
  __attribute__((noinline)) const uint8_t* code_run(uint16_t pc, uint16_t& first,
                                                    uint32_t& end) {
    const uint8_t* const at = plain_byte(pc);
    if (!at) return nullptr;
    if (!(pc & 0x1000)) {  // RAM
      first = static_cast<uint16_t>(pc & ~0x7F);
      end = first + 0x80u;
      return at;
    }
    if (!runs_valid_ || runs_at_ != cart_->read_map_changes()) find_runs();
    const int page = (pc >> kPageBits) & (Cartridge::kPages - 1);
    const uint32_t region = pc & ~0x0FFFu;
    first = static_cast<uint16_t>(region + (run_first_[page] << kPageBits));
    end = region + (run_end_[page] << kPageBits);
    return at;
  }
  // Whether an access changed the cartridge's read page map (a bank switch)
  // since the last call: code pages from before may be stale.
  AG_BUS_INLINE bool take_read_map_change() {
    if (!s_.read_map_changed) return false;  // (most chip accesses: no store)
    s_.read_map_changed = false;
    return true;
  }
  AG_BUS_INLINE void read_window(uint16_t /*addr*/, int /*count*/, uint8_t last) {
    s_.data_bus = last;
    s_.last_access_read = true;
  }

  // Two reads, at addr then addr + 1 (16-bit), low byte first: the CPU's
  // zero-page pointer reads. One lookup when both bytes lie in RAM (or in one
  // mapped cartridge page).
  AG_BUS_INLINE uint16_t read_pair(uint16_t addr, uint32_t& elapsed) {
    return read_pair_inline<false>(addr, 0, elapsed);
  }

 private:
  template <bool kAfterFetch>
  AG_BUS_INLINE uint16_t read_pair_inline(uint16_t addr, uint8_t fetched, uint32_t& elapsed) {
    const uint8_t* base = nullptr;
    if (addr & 0x1000) {
      if ((addr & kPageOffset) != kPageOffset) {
        const uint8_t* page = cart_page(addr);
        if (page) base = page + (addr & kPageOffset);
      }
    } else if (is_ram(addr) && (addr & 0x7F) != 0x7F) {
      base = s_.ram.data() + (addr & 0x7F);
    }
    if (!base) {
      uint16_t lo = read_inline<kAfterFetch>(addr, fetched, elapsed);
      return static_cast<uint16_t>(lo | (read(static_cast<uint16_t>(addr + 1), elapsed) << 8));
    }
    s_.data_bus = base[1];
    s_.last_access_read = true;
    return static_cast<uint16_t>(base[0] | (base[1] << 8));
  }

 public:
  // A loop polling the address `addr` (the operand of its read) every
  // `period` cycles, the first read `first` cycles from now (the CPU's
  // outstanding cycles included): how many of the next `max_polls` reads
  // would give a value v with ((v & mask) != 0) == want_set and have no
  // effect, with the value of the last one in `last`. Only RIOT timer reads
  // qualify (the timer-polling loops of most games); 0 for anything else.
  __attribute__((noinline)) uint32_t quiet_polls(uint16_t addr, uint32_t first, uint32_t period,
                                                 uint32_t max_polls, uint8_t mask, bool want_set,
                                                 uint8_t& last) const {
    // A12 = 0, A9 = A7 = 1: the RIOT's I/O (no cartridge claims these pages);
    // A2 = 1: INTIM or TIMINT (A0 picks which).
    if ((addr & 0x1280) != 0x0280 || !(addr & 0x0004)) return 0;
    return riot_->quiet_polls(addr, first, period, max_polls, mask, want_set, last);
  }

  // The CPU's reset-vector fetch (ALE: System::peek, outside the CPU). A
  // read like any other, the CPU just doesn't count it as an access.
  uint8_t peek(uint16_t addr) { return read(addr); }

  AG_BUS_INLINE void add_cycles(uint32_t n) { s_.total_cycles += n; }
  // Whether the stop line was raised or the read map changed
  // (take_read_map_change()), in one test: after most chip accesses (TIA
  // writes) neither happened.
  AG_BUS_INLINE bool chip_events() const {
    static_assert(offsetof(BusState, read_map_changed) == offsetof(BusState, stop) + 1);
    uint16_t both;
    std::memcpy(&both, &s_.stop, sizeof both);
    return both != 0;
  }
  AG_BUS_INLINE bool stop_requested() const { return s_.stop; }

  uint64_t tia_writes() const { return tia_writes_ + link_.writes; }

 private:
  // 64-byte pages (of the 4 KiB below $1000 and its mirrors) whose addresses have A7 set.
  static constexpr uint64_t kPagesWithA7 = 0xCCCCCCCCCCCCCCCCull;

  AG_BUS_INLINE static bool is_ram(uint16_t addr) { return (addr & 0x1280) == 0x0080; }
  AG_BUS_INLINE void commit(uint32_t& elapsed) {
    s_.total_cycles += elapsed;
    elapsed = 0;
  }
  AG_BUS_INLINE const uint8_t* cart_page(uint16_t addr) const {
    return cart_->read_page((addr >> kPageBits) & (Cartridge::kPages - 1));
  }

  // Where the byte at addr sits if reading it has no side effect (a mapped
  // cartridge page or RAM); its 64-byte page is plain memory as well.
  AG_BUS_INLINE const uint8_t* plain_byte(uint16_t addr) const {
    if (addr & 0x1000) {
      const uint8_t* page = cart_page(addr);
      return page ? page + (addr & kPageOffset) : nullptr;
    }
    return is_ram(addr) ? s_.ram.data() + (addr & 0x7F) : nullptr;
  }
  // A code window across the end of a 64-byte page: the bytes are gathered.
  __attribute__((noinline)) const uint8_t* straddling_window(uint16_t addr) {
    for (int i = 0; i < 3; ++i) {
      const uint8_t* p = plain_byte(static_cast<uint16_t>(addr + i));
      if (!p) return nullptr;
      straddle_[i] = *p;
    }
    return straddle_;
  }

  // Accesses handed to the cartridge's mapper: they flag a change of its
  // read page map. Accesses that switch nothing (data read from a hotspot
  // page, say) leave the CPU's cached code alone.
  uint8_t mapper_peek(uint16_t addr) {
    const uint32_t before = cart_->read_map_changes();
    const uint8_t v = cart_->peek(addr);
    if (cart_->read_map_changes() != before) s_.read_map_changed = true;
    return v;
  }
  void mapper_poke(uint16_t addr, uint8_t v) {
    const uint32_t before = cart_->read_map_changes();
    cart_->poke(addr, v);
    if (cart_->read_map_changes() != before) s_.read_map_changed = true;
  }

  // The runs of cartridge pages whose host memory follows on (code_run()),
  // for the page map as it stands after `runs_at_` changes.
  void find_runs() {
    int first = 0;
    for (int p = 0; p < Cartridge::kPages; ++p) {
      const uint8_t* page = cart_->read_page(p);
      const uint8_t* prev = p > 0 ? cart_->read_page(p - 1) : nullptr;
      const bool follows = page && prev &&
                           reinterpret_cast<uintptr_t>(page) ==
                               reinterpret_cast<uintptr_t>(prev) + Cartridge::kPageSize;
      if (!follows) first = p;
      run_first_[p] = static_cast<uint8_t>(first);
    }
    int end = Cartridge::kPages;
    for (int p = Cartridge::kPages - 1; p >= 0; --p) {
      run_end_[p] = static_cast<uint8_t>(end);
      if (run_first_[p] == p) end = p;
    }
    runs_at_ = cart_->read_map_changes();
    runs_valid_ = true;
  }

  __attribute__((noinline)) uint8_t read_slow(uint16_t addr) {
    uint8_t v;
    if ((addr & 0x1000) || (low_pages_ && ((low_pages_ >> ((addr & 0x0FFF) >> kPageBits)) & 1))) {
      v = mapper_peek(addr);
    } else if (!(addr & 0x0080)) {
      v = tia_->read(addr);
    } else if (!(addr & 0x0200)) {
      v = s_.ram[addr & 0x7F];
    } else {
      v = riot_->read_io(addr);
    }
    s_.data_bus = v;
    s_.last_access_read = true;
    return v;
  }

  // kAfterRead: the previous access was a read (the TIA need not look at
  // last_access_read).
  template <bool kAfterRead = false>
  AG_BUS_INLINE void write_tia(uint16_t addr, uint8_t v) {
    ++tia_writes_;
    // The TIA looks at last_access_read (WSYNC), so it is updated after.
    if constexpr (kAfterRead)
      tia_->write_after_read(addr, v, s_.cycles());
    else
      tia_->write(addr, v, s_.cycles());
    s_.data_bus = v;
    s_.last_access_read = false;
  }

  __attribute__((noinline)) void write_slow(uint16_t addr, uint8_t v) {
    if (addr & 0x1000) {
      uint8_t* page = cart_->write_page((addr >> kPageBits) & (Cartridge::kPages - 1));
      if (page) {
        page[addr & kPageOffset] = v;
      } else {
        mapper_poke(addr, v);
      }
    } else if (low_pages_ && ((low_pages_ >> ((addr & 0x0FFF) >> kPageBits)) & 1)) {
      mapper_poke(addr, v);
    } else if (!(addr & 0x0080)) {
      return write_tia(addr, v);
    } else if (!(addr & 0x0200)) {
      s_.ram[addr & 0x7F] = v;
    } else {
      riot_->write_io(addr, v);
    }
    s_.data_bus = v;
    s_.last_access_read = false;
  }

  BusState s_;
  Tia* tia_ = nullptr;
  Riot* riot_ = nullptr;
  TiaLink link_;
  Cartridge* cart_ = nullptr;
  uint64_t low_pages_ = 0;
  uint64_t tia_writes_ = 0;
  std::array<uint8_t, Cartridge::kPages> run_first_{}, run_end_{};  // (find_runs())
  uint32_t runs_at_ = 0;
  bool runs_valid_ = false;
  uint8_t straddle_[3] = {};
};

}  // namespace ag::emu

#undef AG_BUS_INLINE
