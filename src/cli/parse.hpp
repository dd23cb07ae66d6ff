// Shared CLI11 glue: parse a subcommand's arguments, print help or errors.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>

#include "cli/commands.hpp"

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

}  // namespace ag::cli
