#include "gym/options.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace ag::gym {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

OptionValue::OptionValue(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  text_.assign(buf, end);
}

OptionReader::OptionReader(std::string owner, const Options& options)
    : owner_(std::move(owner)), options_(options), used_(options.size(), false) {
  for (size_t i = 0; i < options_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (options_[i].first == options_[j].first)
        throw GymError(owner_ + ": option '" + options_[i].first + "' given twice");
}

bool OptionReader::has(std::string_view key) const {
  return std::any_of(options_.begin(), options_.end(),
                     [&](const auto& kv) { return kv.first == key; });
}

const std::string* OptionReader::find(std::string_view key) {
  for (size_t i = 0; i < options_.size(); ++i)
    if (options_[i].first == key) {
      used_[i] = true;
      return &options_[i].second.text();
    }
  return nullptr;
}

void OptionReader::bad(std::string_view key, const std::string& value, const char* want) const {
  throw GymError(owner_ + ": option '" + std::string(key) + "' must be " + want + ", got '" +
                 value + "'");
}

int OptionReader::get_int(std::string_view key, int fallback) {
  const std::string* v = find(key);
  if (!v) return fallback;
  try {
    return parse_int(*v, key);
  } catch (const GymError&) {
    bad(key, *v, "an integer");
  }
}

double OptionReader::get_double(std::string_view key, double fallback) {
  const std::string* v = find(key);
  if (!v) return fallback;
  try {
    return parse_double(*v, key);
  } catch (const GymError&) {
    bad(key, *v, "a number");
  }
}

bool OptionReader::get_bool(std::string_view key, bool fallback) {
  const std::string* v = find(key);
  if (!v) return fallback;
  try {
    return parse_bool(*v, key);
  } catch (const GymError&) {
    bad(key, *v, "true or false");
  }
}

std::string OptionReader::get_string(std::string_view key, std::string fallback) {
  const std::string* v = find(key);
  return v ? *v : fallback;
}

std::vector<int> OptionReader::get_int_list(std::string_view key, std::vector<int> fallback) {
  const std::string* v = find(key);
  if (!v) return fallback;
  std::vector<int> out;
  std::string_view rest = *v;
  // Accept Python-ish brackets: "(0, 1, 3)" or "[0,1,3]".
  rest = trim(rest);
  if (!rest.empty() && (rest.front() == '(' || rest.front() == '[')) rest.remove_prefix(1);
  if (!rest.empty() && (rest.back() == ')' || rest.back() == ']')) rest.remove_suffix(1);
  while (!trim(rest).empty()) {
    const size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    try {
      out.push_back(parse_int(item, key));
    } catch (const GymError&) {
      bad(key, *v, "a comma-separated list of integers");
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (out.empty()) bad(key, *v, "a non-empty comma-separated list of integers");
  return out;
}

void OptionReader::finish(const std::vector<std::string>& known) const {
  for (size_t i = 0; i < options_.size(); ++i) {
    if (used_[i]) continue;
    std::string msg = owner_ + ": unknown option '" + options_[i].first + "'";
    const auto close = close_matches(options_[i].first, known);
    if (!close.empty()) {
      msg += "; did you mean";
      for (size_t k = 0; k < close.size(); ++k) msg += (k ? ", " : " ") + close[k];
      msg += "?";
    }
    msg += " (options: ";
    for (size_t k = 0; k < known.size(); ++k) msg += (k ? ", " : "") + known[k];
    msg += ")";
    throw GymError(msg);
  }
}

std::vector<std::string> close_matches(std::string_view word,
                                       const std::vector<std::string>& candidates, size_t max) {
  const std::string w = lower(word);
  struct Scored {
    size_t dist;
    size_t index;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::string c = lower(candidates[i]);
    size_t d = edit_distance(w, c);
    // A candidate that contains the word (or vice versa) is close whatever the lengths:
    // "pong" -> "ALE/Pong-v5".
    if (w.size() >= 3 && (c.find(w) != std::string::npos || w.find(c) != std::string::npos))
      d = std::min(d, c.size() > w.size() ? (c.size() - w.size()) / 4 : size_t{0});
    const size_t limit = std::max<size_t>(2, std::max(w.size(), c.size()) / 3);
    if (d <= limit) scored.push_back({d, i});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.dist < b.dist; });
  std::vector<std::string> out;
  for (size_t k = 0; k < scored.size() && k < max; ++k) out.push_back(candidates[scored[k].index]);
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto close = close_matches(word, candidates);
  if (close.empty()) return "";
  std::string s = " (did you mean";
  for (size_t k = 0; k < close.size(); ++k) s += (k ? ", " : " ") + close[k];
  return s + "?)";
}

int parse_int(std::string_view text, std::string_view what) {
  const std::string_view t = trim(text);
  int v = 0;
  const char* first = t.data();
  if (!t.empty() && t.front() == '+') ++first;
  auto [end, ec] = std::from_chars(first, t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size())
    throw GymError(std::string(what) + ": expected an integer, got '" + std::string(text) + "'");
  return v;
}

double parse_double(std::string_view text, std::string_view what) {
  const std::string_view t = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v))
    throw GymError(std::string(what) + ": expected a number, got '" + std::string(text) + "'");
  return v;
}

bool parse_bool(std::string_view text, std::string_view what) {
  const std::string t = lower(trim(text));
  if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "0" || t == "no" || t == "off") return false;
  throw GymError(std::string(what) + ": expected true or false, got '" + std::string(text) + "'");
}

}  // namespace ag::gym
