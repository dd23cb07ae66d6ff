// Gymnasium's spaces, as far as Atari needs them: Discrete(n) actions and
// Box observations (uint8 pixels/RAM, or float32 when scaled).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ag::gym {

enum class DType : uint8_t { kUInt8, kFloat32 };

constexpr size_t dtype_size(DType t) {
  return t == DType::kUInt8 ? 1 : 4;
}
constexpr const char* dtype_name(DType t) {
  return t == DType::kUInt8 ? "uint8" : "float32";
}

struct Discrete {
  int n = 0;
  bool contains(int a) const { return a >= 0 && a < n; }
  std::string str() const { return "Discrete(" + std::to_string(n) + ")"; }
  bool operator==(const Discrete&) const = default;
};

struct Box {
  double low = 0, high = 255;
  std::vector<int> shape;
  DType dtype = DType::kUInt8;

  size_t num_elements() const {
    size_t n = 1;
    for (int d : shape) n *= static_cast<size_t>(d);
    return n;
  }
  size_t num_bytes() const { return num_elements() * dtype_size(dtype); }
  // Gymnasium's repr: "Box(0, 255, (84, 84), uint8)".
  std::string str() const;
  bool operator==(const Box&) const = default;
};

inline std::string Box::str() const {
  auto num = [](double v) {
    std::string s = std::to_string(v);
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    return s;
  };
  std::string dims;
  for (size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) dims += ",";
  return "Box(" + num(low) + ", " + num(high) + ", (" + dims + "), " + dtype_name(dtype) + ")";
}

}  // namespace ag::gym
