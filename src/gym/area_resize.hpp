// Shrinking a uint8 image the way OpenCV's cv::resize(..., INTER_AREA) does,
// bit for bit, so AtariPreprocessing's 84x84 frames equal Gymnasium's.
//
// OpenCV's algorithm for a shrink by non-integer factors (imgproc resize.cpp,
// computeResizeAreaTab + ResizeArea_Invoker):
// - per axis, destination cell d covers source [d*s, (d+1)*s), s = src/dst;
//   each source pixel it touches gets weight (covered length / cell length),
//   computed in double and stored as float, in ascending source order;
// - each source row is reduced horizontally in float: buf = 0, then
//   buf += pixel * weight per tap, in tap order;
// - destination rows accumulate those in float: sum = w0*buf0, sum += wk*bufk;
// - the result is rounded to nearest-even (cvRound) and clamped to 0..255.
// For integer factors OpenCV takes another path (resizeAreaFast: integer block
// sums times 1/area, rounded; 2x2 blocks as (sum + 2) >> 2), reproduced too.
// Enlarging is not supported.
//
// The fast path. Along an axis with src = g*a and dst = g*b (g = gcd), cell
// edges fall on multiples of 1/b of a pixel, so every weight is k/a for an
// integer k. The exact value of a destination pixel is then S / (ax*ay) with
// S = sum(kx*ky*pixel) an integer, computed exactly in 16-bit SIMD lanes
// (210x160 -> 84x84: ax = 40, ay = 5, S <= 255*200). OpenCV's float result
// is within ~3e-4 of the exact value, far less than 1/(2*ax*ay), so both
// round alike unless the exact value is a tie (x.5); only those pixels are
// computed again with OpenCV's float operations in OpenCV's order.
#pragma once

#include <cstdint>
#include <vector>

namespace ag::gym {

class AreaResize {
 public:
  // Throws GymError for empty sizes or a destination larger than the source.
  AreaResize(int src_height, int src_width, int dst_height, int dst_width, int channels);

  // src: src_height x src_width x channels, row-major; dst likewise. Uses
  // internal scratch space: one AreaResize per thread.
  void operator()(const uint8_t* src, uint8_t* dst);

  int src_height() const { return src_h_; }
  int src_width() const { return src_w_; }
  int dst_height() const { return dst_h_; }
  int dst_width() const { return dst_w_; }
  int channels() const { return cn_; }
  // Which algorithm runs (for tests): exact-integer fast path or not.
  bool uses_integer_path() const { return exact_; }

 private:
  // A tap: source element (row, or element within a row) and its weight.
  struct Tap {
    int dst, src;
    float weight;  // OpenCV's float weight
    int k;         // weight * denominator, when the weights are exact fractions
  };
  // Up to 8 consecutive output elements of a row computed from one 16-byte
  // window of the source row: pairs of taps are gathered with a byte shuffle
  // and multiplied-and-added with their integer weights (pmaddubsw).
  struct Block {
    int window;     // first source element of the 16-byte window
    int first_out;  // first output element
    int count;      // output elements (lanes) in use
  };

  void resize_float(const uint8_t* src, uint8_t* dst);
  void resize_integer_factors(const uint8_t* src, uint8_t* dst);
  void resize_exact(const uint8_t* src, uint8_t* dst);
  void horizontal_exact(const uint8_t* row, uint16_t* out) const;
  uint8_t float_pixel(const uint8_t* src, int dy, int out_elem) const;

  int src_h_, src_w_, dst_h_, dst_w_, cn_;
  bool integer_factors_ = false;
  int fx_ = 1, fy_ = 1;

  // OpenCV's taps, element-level for x (source element = pixel*cn + c).
  std::vector<Tap> x_taps_, y_taps_;
  std::vector<int> x_first_, y_first_;  // first tap of each output element / row (+ end)

  // Float path: horizontal taps padded to taps_ per output element.
  int taps_ = 0;
  std::vector<int32_t> x_index_;
  std::vector<float> x_weight_;
  std::vector<float> src_row_f_, row_buf_, sum_;

  // Exact path.
  bool exact_ = false;
  bool simd_ = false;
  int denom_ = 1;  // ax * ay
  int pairs_ = 0;  // tap pairs per output element (shuffles per block)
  std::vector<Block> blocks_;
  std::vector<int> windows_;       // blocks_[b].window, contiguous for the SIMD loop
  std::vector<uint8_t> shuffles_;  // [block][pair][16] byte indices (0x80 = zero)
  std::vector<int8_t> weights_;    // [block][pair][16]
  std::vector<uint16_t> h_rows_;   // horizontal sums of every source row, 8 lanes per block
  std::vector<uint16_t> v_sum_;    // one destination row of exact sums S
  std::vector<uint8_t> q_lanes_, tie_lanes_;  // one destination row, rounded, per lane
  std::vector<uint8_t> row_out_;              // one destination row being assembled
  int lanes_ = 0;                             // 8 * blocks
  uint32_t recip_mult_ = 0;  // floor(x / denom_) = (x * recip_mult_) >> recip_shift_
  int recip_shift_ = 0;
};

}  // namespace ag::gym
