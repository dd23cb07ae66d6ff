// Keyword options (Gymnasium's **kwargs) for make() and the wrappers:
// name -> value, values given as int, double, bool or text and read back
// typed, with errors that name the option and suggest close matches.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ag::gym {

struct GymError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A value as written: make("ALE/Pong-v5", {{"frameskip", 1}, {"obs_type", "grayscale"}}).
class OptionValue {
 public:
  OptionValue(int v) : text_(std::to_string(v)) {}
  OptionValue(long v) : text_(std::to_string(v)) {}
  OptionValue(long long v) : text_(std::to_string(v)) {}
  OptionValue(unsigned v) : text_(std::to_string(v)) {}
  OptionValue(unsigned long v) : text_(std::to_string(v)) {}
  OptionValue(unsigned long long v) : text_(std::to_string(v)) {}
  OptionValue(double v);
  OptionValue(bool v) : text_(v ? "true" : "false") {}
  OptionValue(const char* v) : text_(v) {}
  OptionValue(std::string v) : text_(std::move(v)) {}
  OptionValue(std::string_view v) : text_(v) {}
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

using Options = std::vector<std::pair<std::string, OptionValue>>;

// Reads options for one consumer (an env id or a wrapper) and rejects what it
// did not read: every key must be taken exactly once.
class OptionReader {
 public:
  OptionReader(std::string owner, const Options& options);
  bool has(std::string_view key) const;
  int get_int(std::string_view key, int fallback);
  double get_double(std::string_view key, double fallback);
  bool get_bool(std::string_view key, bool fallback);
  std::string get_string(std::string_view key, std::string fallback);
  // Comma-separated integers: "0,1,3".
  std::vector<int> get_int_list(std::string_view key, std::vector<int> fallback);
  // Throws GymError for any option not read, naming close matches among `known`.
  void finish(const std::vector<std::string>& known) const;

 private:
  const std::string* find(std::string_view key);
  [[noreturn]] void bad(std::string_view key, const std::string& value, const char* want) const;
  std::string owner_;
  Options options_;
  std::vector<bool> used_;
};

// Up to `max` entries of `candidates` closest to `word` (case-insensitive edit
// distance, then shared prefix), nearest first; only plausible ones.
std::vector<std::string> close_matches(std::string_view word,
                                       const std::vector<std::string>& candidates, size_t max = 5);
// " (did you mean: a, b?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Strict number parsing for options and CLI arguments; throw GymError naming `what`.
int parse_int(std::string_view text, std::string_view what);
double parse_double(std::string_view text, std::string_view what);
bool parse_bool(std::string_view text, std::string_view what);

}  // namespace ag::gym
