#include "agent/plot.hpp"

#include <plplot/plplot.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <type_traits>

namespace ag::agent {
namespace fs = std::filesystem;
namespace {

static_assert(std::is_same_v<PLFLT, double>, "PLplot built with double PLFLT (Debian's is)");

// cmap0 slots: 0 background, 1 foreground (axes, text), 2 grid, then the
// series colours (matplotlib's tab10, cycled), as 0xRRGGBB, then the same
// series colours translucent for their bands.
constexpr PLINT kForeground = 1, kGrid = 2, kFirstSeries = 3;
constexpr std::array<uint32_t, 13> kColors = {0xffffff, 0x000000, 0xc8c8c8, 0x1f77b4, 0xff7f0e,
                                              0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
                                              0x7f7f7f, 0xbcbd22, 0x17becf};
constexpr PLINT kPaletteSize = PLINT(kColors.size()) - kFirstSeries;
constexpr PLINT kFirstBand = PLINT(kColors.size());
constexpr double kBandAlpha = 0.2;

void set_colors() {
  constexpr size_t n = kColors.size() + kPaletteSize;
  std::array<PLINT, n> r, g, b;
  std::array<PLFLT, n> a;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t c = kColors[i < kColors.size() ? i : i - kPaletteSize];
    r[i] = c >> 16, g[i] = (c >> 8) & 0xff, b[i] = c & 0xff;
    a[i] = i < kColors.size() ? 1.0 : kBandAlpha;
  }
  plscmap0a(r.data(), g.data(), b.data(), a.data(), PLINT(n));
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
  bool empty() const { return lo > hi; }
  double fraction(double v) const { return (v - lo) / (hi - lo); }
};

// Widens a range by `margin` of its span on both sides; an empty or
// degenerate (single value) range gets a visible span around its value.
void pad(Range& r, double margin) {
  if (r.empty()) r = {0, 1};
  const double span = r.hi - r.lo;
  const double p = span > 0 ? span * margin : std::max(std::abs(r.lo) * 0.05, 0.5);
  r.lo -= p, r.hi += p;
}

bool finite_at(const PlotSeries& s, size_t i) {
  return std::isfinite(s.x[i]) && std::isfinite(s.y[i]);
}

bool band_at(const PlotSeries& s, size_t i) {
  return !s.spread.empty() && finite_at(s, i) && std::isfinite(s.spread[i]);
}

// The band y +- spread over each run of points where it is defined, as one
// filled polygon per run (forward along the top, back along the bottom); a
// run of one point (a lone evaluation) gets an error bar instead, in the
// line's colour (a translucent hairline would not show).
void fill_band(const PlotSeries& s, PLINT band_color, PLINT line_color) {
  std::vector<PLFLT> xs, ys;
  auto emit = [&](size_t begin, size_t end) {
    if (end == begin) return;
    if (end - begin == 1) {
      PLFLT x = s.x[begin], lo = s.y[begin] - s.spread[begin], hi = s.y[begin] + s.spread[begin];
      plcol0(line_color);
      plerry(1, &x, &lo, &hi);
      return;
    }
    plcol0(band_color);
    xs.clear(), ys.clear();
    for (size_t i = begin; i < end; ++i) xs.push_back(s.x[i]), ys.push_back(s.y[i] + s.spread[i]);
    for (size_t i = end; i-- > begin;) xs.push_back(s.x[i]), ys.push_back(s.y[i] - s.spread[i]);
    plfill(PLINT(xs.size()), xs.data(), ys.data());
  };
  size_t begin = 0;
  for (size_t i = 0; i <= s.x.size(); ++i)
    if (i == s.x.size() || !band_at(s, i)) emit(begin, i), begin = i + 1;
}

// PLplot text treats '#' as its escape character; "##" is a literal '#'.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '#' ? std::string("##") : std::string(1, c);
  return out;
}

// The legend goes inside the corner with the fewest points under it
// (preferring top-left, top-right, bottom-left, bottom-right on ties).
PLINT legend_corner(const std::vector<const PlotSeries*>& drawn, const Range& xr, const Range& yr) {
  const double w = 0.35, h = std::min(0.5, 0.06 + 0.05 * drawn.size());
  std::array<size_t, 4> count{};
  for (const PlotSeries* s : drawn)
    for (size_t i = 0; i < s->x.size(); ++i) {
      if (!finite_at(*s, i)) continue;
      const double u = xr.fraction(s->x[i]), v = yr.fraction(s->y[i]);
      for (int c = 0; c < 4; ++c)
        count[c] += (c % 2 == 0 ? u < w : u > 1 - w) && (c < 2 ? v > 1 - h : v < h);
    }
  constexpr std::array<PLINT, 4> kCorners = {
      PL_POSITION_TOP | PL_POSITION_LEFT, PL_POSITION_TOP | PL_POSITION_RIGHT,
      PL_POSITION_BOTTOM | PL_POSITION_LEFT, PL_POSITION_BOTTOM | PL_POSITION_RIGHT};
  return kCorners[std::min_element(count.begin(), count.end()) - count.begin()] |
         PL_POSITION_INSIDE | PL_POSITION_VIEWPORT;
}

// plSelectDev() prompts on stdin for a device it does not know, so the
// driver (Debian: plplot-driver-cairo) is looked up first.
bool has_device(const char* name) {
  int n = 256;
  std::vector<const char*> menus(n), names(n);
  const char** m = menus.data();
  const char** d = names.data();
  plgDevs(&m, &d, &n);
  for (int i = 0; i < n; ++i)
    if (std::strcmp(names[i], name) == 0) return true;
  return false;
}

void draw(const std::vector<const PlotSeries*>& drawn, const PlotOptions& options, const Range& xr,
          const Range& yr) {
  pladv(0);
  plvsta();
  plwind(xr.lo, xr.hi, yr.lo, yr.hi);
  plcol0(kGrid);
  plbox("g", 0, 0, "g", 0, 0);
  plcol0(kForeground);
  plbox("bcnst", 0, 0, "bcnstv", 0, 0);  // v: y tick labels upright
  pllab(escape(options.x_label).c_str(), escape(options.y_label).c_str(),
        escape(options.title).c_str());
  if (drawn.empty()) {
    plptex((xr.lo + xr.hi) / 2, (yr.lo + yr.hi) / 2, 1, 0, 0.5, "no data");
    return;
  }
  std::vector<PLINT> opts, colors, styles;
  std::vector<PLFLT> widths;
  std::vector<std::string> labels;
  // Bands first, so every line stays visible on top of them.
  for (size_t k = 0; k < drawn.size(); ++k) {
    const PLINT slot = PLINT(k % kPaletteSize);
    fill_band(*drawn[k], kFirstBand + slot, kFirstSeries + slot);
  }
  plwidth(2);
  for (size_t k = 0; k < drawn.size(); ++k) {
    const PlotSeries& s = *drawn[k];
    const PLINT color = kFirstSeries + PLINT(k % kPaletteSize);
    plcol0(color);
    // Runs of finite points are polylines; a lone point gets a marker.
    std::vector<PLFLT> xs, ys;
    auto emit = [&] {
      if (xs.size() == 1 || (s.markers && !xs.empty()))
        plpoin(PLINT(xs.size()), xs.data(), ys.data(), 4);  // 4: circle
      if (xs.size() > 1) plline(PLINT(xs.size()), xs.data(), ys.data());
      xs.clear(), ys.clear();
    };
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!finite_at(s, i)) {
        emit();
        continue;
      }
      xs.push_back(s.x[i]), ys.push_back(s.y[i]);
    }
    emit();
    opts.push_back(PL_LEGEND_LINE);
    colors.push_back(color), styles.push_back(1), widths.push_back(2);
    labels.push_back(escape(s.label));
  }
  plwidth(1);
  std::vector<const char*> texts;
  for (const std::string& label : labels) texts.push_back(label.c_str());
  PLFLT legend_w, legend_h;
  pllegend(&legend_w, &legend_h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           legend_corner(drawn, xr, yr), 0.01, 0.01, 0.06, 0, kForeground, 1, 0, 0,
           PLINT(drawn.size()), opts.data(), 1.0, 1.0, 2.0, 0.0, colors.data(), texts.data(),
           nullptr, nullptr, nullptr, nullptr, colors.data(), styles.data(), widths.data(), nullptr,
           nullptr, nullptr, nullptr);
}

}  // namespace

void plot_lines(const std::vector<PlotSeries>& series, const PlotOptions& options,
                const fs::path& out_png) {
  if (options.width <= 0 || options.height <= 0)
    throw std::invalid_argument("plot_lines: width and height must be positive");
  std::vector<const PlotSeries*> drawn;
  Range xr, yr;
  for (const PlotSeries& s : series) {
    if (s.x.size() != s.y.size())
      throw std::invalid_argument("plot_lines: series '" + s.label + "' has " +
                                  std::to_string(s.x.size()) + " x and " +
                                  std::to_string(s.y.size()) + " y values");
    if (!s.spread.empty() && s.spread.size() != s.y.size())
      throw std::invalid_argument("plot_lines: series '" + s.label + "' has " +
                                  std::to_string(s.y.size()) + " y and " +
                                  std::to_string(s.spread.size()) + " spread values");
    bool any = false;
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!finite_at(s, i)) continue;
      xr.add(s.x[i]), yr.add(s.y[i]), any = true;
      if (band_at(s, i)) yr.add(s.y[i] - s.spread[i]), yr.add(s.y[i] + s.spread[i]);
    }
    if (any) drawn.push_back(&s);
  }
  // Markers at the ends would be cut in half by the frame: a little room.
  const bool markers =
      std::any_of(drawn.begin(), drawn.end(), [](const PlotSeries* s) { return s->markers; });
  pad(xr, markers ? 0.02 : 0.0);
  pad(yr, 0.05);

  const fs::path dir = out_png.parent_path();
  if (!dir.empty()) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
      throw std::runtime_error("plot: cannot create folder " + dir.string() + ": " +
                               std::strerror(ec.value()));
  }
  // Same folder as the target: rename() is atomic only within a file system.
  fs::path temp = out_png;
  // "<name>.tmp-<pid>": base/atomic_file.hpp's remove_stale_temp_files() clears a kill's leftover.
  temp += ".tmp-" + std::to_string(::getpid());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (!file)
    throw std::runtime_error("plot: cannot create " + temp.string() + ": " + std::strerror(errno));
  // PLplot fcloses the FILE* in plend1() (plCloseFile); a dup of its fd lets
  // us fsync and check the result afterwards.
  const int fd = ::dup(fileno(file));
  auto fail = [&](const std::string& what) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    return std::runtime_error("plot: " + what);
  };
  if (fd < 0) {
    const int err = errno;
    std::fclose(file);
    throw fail("cannot write " + temp.string() + ": " + std::strerror(err));
  }
  {
    // PLplot keeps its streams in globals and is not thread-safe.
    static std::mutex plplot_mutex;
    std::lock_guard lock(plplot_mutex);
    if (!has_device("pngcairo")) {
      std::fclose(file);
      throw fail("PLplot has no pngcairo device (Debian: plplot-driver-cairo)");
    }
    PLINT previous, stream;
    plgstrm(&previous);
    plmkstrm(&stream);  // a fresh stream, so calls do not share state
    if (stream < 0) {
      std::fclose(file);
      throw fail("no free PLplot stream");
    }
    plsdev("pngcairo");
    plsfile(file);  // plOpenFile() then neither opens nor prompts for a name
    plspage(0, 0, options.width, options.height, 0, 0);  // pixels for pngcairo
    set_colors();
    plinit();
    draw(drawn, options, xr, yr);
    plend1();  // writes the PNG, fcloses `file`, frees the stream
    plsstrm(previous);
  }
  struct stat st;
  if (::fsync(fd) != 0 || ::fstat(fd, &st) != 0)
    throw fail("cannot write " + temp.string() + ": " + std::strerror(errno));
  if (st.st_size < 8) throw fail("PLplot wrote no PNG to " + temp.string());
  ::close(fd);
  if (::rename(temp.c_str(), out_png.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error("plot: cannot write " + out_png.string() + ": " + std::strerror(err));
  }
}

std::vector<double> moving_average(const std::vector<double>& y, int window) {
  if (window < 1) throw std::invalid_argument("moving_average: window must be >= 1");
  std::vector<double> out(y.size());
  double sum = 0;
  size_t count = 0;  // finite values in the window
  for (size_t i = 0; i < y.size(); ++i) {
    if (std::isfinite(y[i])) sum += y[i], ++count;
    if (i >= size_t(window) && std::isfinite(y[i - window])) sum -= y[i - window], --count;
    if (count == 0) sum = 0;  // drop rounding residue once the window holds no value
    out[i] = count ? sum / double(count) : std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

}  // namespace ag::agent
