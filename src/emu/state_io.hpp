// Byte-exact serialization of machine state: fixed field order, little endian.
// Readers throw StateError on truncated or malformed input, never read past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ag::emu {

struct StateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class StateWriter {
 public:
  // Trivially copyable values (ints, plain state structs, arrays of them) are
  // written as their bytes: state structs are designed to be copied whole.
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void put_bytes(const uint8_t* p, size_t n) {
    put<uint32_t>(static_cast<uint32_t>(n));
    bytes_.insert(bytes_.end(), p, p + n);
  }
  void put_string(const std::string& s) {
    put_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

class StateReader {
 public:
  StateReader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  explicit StateReader(const std::vector<uint8_t>& v) : StateReader(v.data(), v.size()) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T v;
    std::memcpy(&v, p_, sizeof(T));
    p_ += sizeof(T);
    return v;
  }
  template <class T>
  void get_into(T& v) { v = get<T>(); }
  std::vector<uint8_t> get_bytes() {
    auto n = get<uint32_t>();
    need(n);
    std::vector<uint8_t> out(p_, p_ + n);
    p_ += n;
    return out;
  }
  std::string get_string() {
    auto b = get_bytes();
    return std::string(b.begin(), b.end());
  }
  bool at_end() const { return p_ == end_; }

 private:
  void need(size_t n) const {
    if (static_cast<size_t>(end_ - p_) < n) throw StateError("state data truncated");
  }
  const uint8_t* p_;
  const uint8_t* end_;
};

}  // namespace ag::emu
