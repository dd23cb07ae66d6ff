// Shared CLI11 glue: parse a subcommand's arguments, print help or errors.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>

#include "cli/commands.hpp"
#include "gym/options.hpp"

namespace ag::cli {

// Parses `args` into `app`. Returns an exit status if the command should end
// now (help printed: 0; bad arguments: 2), nothing to go on.
inline std::optional<int> parse(CLI::App& app, const Args& args) {
  std::vector<std::string> rev(args.rbegin(), args.rend());  // CLI11 wants reversed
  try {
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    // app.exit() prints help (to stdout) or the error (to stderr); CLI11's own
    // codes (105 for a failed check, ...) are not the usage-error status 2.
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return std::nullopt;
}

// --opt key=value (repeatable env options, as eval, bench env and rollout
// take them): the form is checked while parsing, so a bad one is a usage
// error (status 2) naming --opt, like any other bad argument.
inline CLI::Option* add_env_options(CLI::App& app, std::vector<std::string>& opts,
                                    const std::string& help) {
  const CLI::Validator key_value(
      [](std::string& kv) -> std::string {
        const size_t eq = kv.find('=');
        return eq == std::string::npos || eq == 0 ? "expects key=value, got '" + kv + "'" : "";
      },
      "KEY=VALUE");
  return app.add_option("--opt", opts, help)->check(key_value);
}

// The checked key=value texts as gym options.
inline gym::Options env_options(const std::vector<std::string>& opts) {
  gym::Options out;
  for (const auto& kv : opts) {
    const size_t eq = kv.find('=');
    out.emplace_back(kv.substr(0, eq), gym::OptionValue(kv.substr(eq + 1)));
  }
  return out;
}

}  // namespace ag::cli
