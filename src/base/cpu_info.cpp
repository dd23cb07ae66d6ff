#include "base/cpu_info.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ag::base {

namespace {

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string CpuInfo::str() const {
  if (model_name.empty() && features.empty()) return "unknown CPU";
  std::ostringstream o;
  o << (model_name.empty() ? "unnamed CPU" : model_name);
  if (family >= 0) o << " (family " << family << ", model " << model << ")";
  if (logical_cpus > 0) o << ", " << logical_cpus << " logical CPU" << (logical_cpus > 1 ? "s" : "");
  o << ",";
  if (features.empty()) o << " no AVX2";
  for (const auto& f : features) o << " " << f;
  return o.str();
}

CpuInfo parse_cpuinfo(const std::string& text) {
  static const std::vector<std::string> kFeatures = {"avx2", "fma", "avx512f", "avx512_bf16",
                                                     "amx_tile"};
  CpuInfo c;
  std::istringstream in(text);
  std::string line;
  bool first_done = false;  // the fields below are the first processor's
  while (std::getline(in, line)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (key == "processor") {
      first_done = c.logical_cpus > 0;
      ++c.logical_cpus;
      continue;
    }
    if (first_done) continue;
    try {
      if (key == "model name") c.model_name = value;
      if (key == "cpu family") c.family = std::stoi(value);
      if (key == "model") c.model = std::stoi(value);
    } catch (const std::exception&) {
      // A malformed number: leave the field unknown.
    }
    if (key == "flags") {
      std::istringstream flags(value);
      std::vector<std::string> have{std::istream_iterator<std::string>(flags), {}};
      for (const auto& f : kFeatures)
        if (std::find(have.begin(), have.end(), f) != have.end()) c.features.push_back(f);
    }
  }
  return c;
}

CpuInfo this_cpu() {
  std::ifstream in("/proc/cpuinfo");
  std::stringstream text;
  text << in.rdbuf();
  return parse_cpuinfo(text.str());
}

}  // namespace ag::base
