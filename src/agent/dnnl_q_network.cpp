#include "agent/dnnl_q_network.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <oneapi/dnnl/dnnl.hpp>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "agent/nature_cnn.hpp"
#include "agent/net_input.hpp"
#include "agent/simd.hpp"

namespace ag::agent {

namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;
using dnnl::algorithm;
using dnnl::prop_kind;

using nature_cnn::ConvShape;
using nature_cnn::kConv;
using nature_cnn::kHidden;
using nature_cnn::kSide;

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool is_reference(const char* impl) {
  return std::string(impl).find("ref") != std::string::npos;
}

// oneDNN's notation: dims from outermost to innermost stride, blocked dims
// in capitals, then the inner blocks (nChw16c = aBcd16b), and the sizes.
std::string layout_text(const memory::desc& d) {
  const dnnl_memory_desc_t& m = d.data;
  std::string s;
  if (m.format_kind != dnnl_blocked) {
    s = "(not blocked)";
  } else {
    const auto& b = m.format_desc.blocking;
    std::vector<int> order(m.ndims);
    for (int i = 0; i < m.ndims; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int x, int y) { return b.strides[x] > b.strides[y]; });
    bool blocked[DNNL_MAX_NDIMS] = {};
    for (int k = 0; k < b.inner_nblks; ++k) blocked[b.inner_idxs[k]] = true;
    for (int i : order) s += static_cast<char>((blocked[i] ? 'A' : 'a') + i);
    for (int k = 0; k < b.inner_nblks; ++k)
      s += std::to_string(b.inner_blks[k]) + static_cast<char>('a' + b.inner_idxs[k]);
  }
  s += " [";
  for (int i = 0; i < m.ndims; ++i) {
    if (i) s += 'x';
    s += std::to_string(m.dims[i]);
  }
  return s + "]";
}

dnnl::primitive_attr relu_attr() {
  dnnl::post_ops ops;
  ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  return attr;
}

// LibTorch's relu backward (threshold_backward): the gradient passes where
// the layer's output is > 0. d and y in the same layout.
AG_SIMD_CLONES
void relu_backward(float* __restrict d, const float* __restrict y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) d[i] = y[i] > 0.f ? d[i] : 0.f;
}

// The same on bf16 bits: y > 0 when the sign bit is clear and the rest is
// not zero (-0 and +0 are masked, as fp32's y > 0 masks them).
AG_SIMD_CLONES
void relu_backward_bf16(uint16_t* __restrict d, const uint16_t* __restrict y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) d[i] = (y[i] & 0x8000u) == 0 && y[i] != 0 ? d[i] : uint16_t{0};
}

// A copy of one parameter in a layout oneDNN prefers.
struct Mirror {
  memory::desc desc;
  memory mem;
  dnnl::reorder from_plain;
  uint64_t generation = 0;  // of the weights it holds (0: none yet)
};

struct Step {
  std::string name;
  std::function<void()> run;
};

// The primitives and buffers of one batch size: a forward, and for training
// the backward too.
struct Plan {
  int batch = 0;
  bool training = false;
  memory obs;  // u8 nchw: the caller's observations
  memory out;  // f32 nc: the caller's output
  // f32 in conv1's layout: the scaled observations (the forward's first
  // step makes them), in a buffer of our own: forward_both() points another
  // plan's input at it, and oneDNN frees a buffer it allocated itself when
  // its memory's handle is changed.
  memory input;
  std::unique_ptr<void, void (*)(void*)> input_buffer{nullptr, std::free};
  std::vector<Step> forward;
  std::vector<std::pair<int, Mirror*>> mirrors;  // the weight copies its steps read
  memory d_out;                                  // f32 nc: the caller's loss gradient
  std::array<memory, kNatureCnnTensors> grads;   // plain: the caller's gradients
  std::vector<Step> backward;
  std::vector<std::string> lines;  // describe()
};

}  // namespace

struct DnnlQNetwork::Impl {
  int channels, outputs;
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
  std::array<memory::desc, kNatureCnnTensors> plain;
  std::array<memory, kNatureCnnTensors> user;  // plain layouts over set_weights' pointers
  uint64_t generation = 0;
  std::array<std::vector<std::unique_ptr<Mirror>>, kNatureCnnTensors> mirrors;
  DnnlLayout layout;
  bool bf16 = false;
  std::map<int, std::unique_ptr<Plan>> inference;
  std::unique_ptr<Plan> training;
  bool profiling = false;
  std::vector<std::pair<std::string, double>> times;

  Impl(int c, int o, DnnlLayout l, bool b) : channels(c), outputs(o), layout(l), bf16(b) {
    plain[0] = memory::desc({32, c, 8, 8}, dt::f32, tag::oihw);
    plain[2] = memory::desc({64, 32, 4, 4}, dt::f32, tag::oihw);
    plain[4] = memory::desc({64, 64, 3, 3}, dt::f32, tag::oihw);
    plain[6] = memory::desc({kHidden, 64, 7, 7}, dt::f32, tag::oihw);
    plain[8] = memory::desc({o, kHidden}, dt::f32, tag::oi);
    const int bias[5] = {32, 64, 64, kHidden, o};
    for (int l = 0; l < 5; ++l) plain[2 * l + 1] = memory::desc({bias[l]}, dt::f32, tag::x);
    for (int i = 0; i < kNatureCnnTensors; ++i) user[i] = memory(plain[i], eng, nullptr);
  }

  void time(const std::string& name, double seconds) {
    for (auto& [n, t] : times)
      if (n == name) {
        t += seconds;
        return;
      }
    times.emplace_back(name, seconds);
  }

  void run(const std::vector<Step>& steps) {
    for (const Step& s : steps) {
      if (!profiling) {
        s.run();
        continue;
      }
      const double t0 = now();
      s.run();
      time(s.name, now() - t0);
    }
  }

  // Parameter i in layout d: the caller's tensor itself when d is its plain
  // layout, else a copy refreshed before the plan's steps run.
  memory weights(Plan& p, int i, const memory::desc& d) {
    if (d == plain[i]) return user[i];
    Mirror* m = nullptr;
    for (auto& x : mirrors[i])
      if (x->desc == d) m = x.get();
    if (!m) {
      auto x = std::make_unique<Mirror>();
      x->desc = d;
      x->mem = memory(d, eng);
      x->from_plain = dnnl::reorder(user[i], x->mem);
      m = x.get();
      mirrors[i].push_back(std::move(x));
    }
    for (auto& [j, used] : p.mirrors)
      if (used == m) return m->mem;
    p.mirrors.emplace_back(i, m);
    return m->mem;
  }

  void refresh(Plan& p) {
    if (generation == 0) throw std::logic_error("DnnlQNetwork: set_weights() was never called");
    const double t0 = profiling ? now() : 0;
    bool any = false;
    for (auto& [i, m] : p.mirrors) {
      if (m->generation == generation) continue;
      m->from_plain.execute(strm, user[i], m->mem);
      m->generation = generation;
      any = true;
    }
    if (profiling && any) time("weights to oneDNN layouts", now() - t0);
  }

  // `have` in layout `want`: the same memory, or a copy made by a reorder step.
  memory adapt(std::vector<Step>& steps, const std::string& name, const memory& have,
               const memory::desc& want) {
    if (have.get_desc() == want) return have;
    memory m(want, eng);
    dnnl::reorder r(have, m);
    dnnl::stream* s = &strm;
    steps.push_back({name, [r, in = memory(have), m, s]() mutable { r.execute(*s, in, m); }});
    return m;
  }

  Plan& plan(int batch, bool train);
  void build(Plan& p);
  bool fc1_forward_as_matmul(Plan& p, const memory& x, const memory& hidden);
  bool fc1_backward_as_matmuls_bf16(Plan& p, const memory& x, const memory& d_hidden,
                                    const memory& d_x);
};

namespace {

template <class PD>
std::string line(const std::string& what, const PD& pd, const memory::desc& a,
                 const memory::desc& w, const memory::desc& b) {
  return what + ": " + pd.impl_info_str() + "  " + layout_text(a) + "  weights " + layout_text(w) +
         "  -> " + layout_text(b);
}

// A primitive descriptor with the layouts this file pins (make(true)), or,
// if oneDNN has only its reference kernel for them or none, with the layouts
// it picks itself (make(false)); adapt() and weights() handle either.
template <class PD, class Make>
PD prefer(const Make& make) {
  try {
    PD pd = make(true);
    if (!is_reference(pd.impl_info_str())) return pd;
  } catch (const dnnl::error&) {
  }
  return make(false);
}

}  // namespace

void DnnlQNetwork::Impl::build(Plan& p) {
  using dnnl::convolution_backward_data;
  using dnnl::convolution_backward_weights;
  using dnnl::convolution_forward;
  using dnnl::inner_product_backward_data;
  using dnnl::inner_product_backward_weights;
  using dnnl::inner_product_forward;
  // oneDNN runs bf16 on a CPU without bf16 kernels through its reference
  // code (~100x slower) or not at all: a clear error instead.
  if (bf16 && !DnnlQNetwork::bf16_available())
    throw std::runtime_error(
        "learner_backend = onednn_bf16: oneDNN has no native bf16 convolution on this CPU (it "
        "needs AVX-512 BF16 or AMX); use learner_backend = onednn");
  const int B = p.batch;
  const prop_kind prop = p.training ? prop_kind::forward_training : prop_kind::forward_inference;
  dnnl::stream* s = &strm;
  // The convolutions' and fc1's activations and weights: f32, or bf16 (with
  // fp32 accumulation); fc2 and every gradient of a weight stay f32.
  const dt adt = bf16 ? dt::bf16 : dt::f32;
  auto any = [adt](memory::dims d) { return memory::desc(d, adt, tag::any); };
  auto nhwc = [adt](memory::dims d) { return memory::desc(d, adt, tag::nhwc); };
  auto any_f32 = [](memory::dims d) { return memory::desc(d, dt::f32, tag::any); };
  auto step = [&](std::vector<Step>& steps, const std::string& name, const dnnl::primitive& prim,
                  const std::unordered_map<int, memory>& args) {
    steps.push_back({name, [prim, args, s] { prim.execute(*s, args); }});
  };

  p.obs = memory(memory::desc({B, channels, kSide, kSide}, dt::u8, tag::nchw), eng, nullptr);
  p.out = memory(memory::desc({B, outputs}, dt::f32, tag::nc), eng, nullptr);

  // Forward. The convolutions' activations: channels-last (nhwc) throughout
  // (oneDNN 2.6's brgemm convolutions forward, its jit kernels backward), or
  // blocked_convs: conv1 in nhwc (the only layout whose weight gradient has a
  // jit kernel for 4 input channels), conv2 and conv3 in the layout oneDNN
  // picks (nChw16c), with a reorder between. ReLU fused into each.
  const auto conv_src_dims = [&](int l) -> memory::dims {
    const int ic = l == 0 ? channels : kConv[l - 1].oc;
    return {B, ic, kConv[l].in, kConv[l].in};
  };
  convolution_forward::primitive_desc conv_pd[3];
  memory in[4];   // what conv l reads (in[0]: the scaled input); in[3]: what fc1 reads
  memory out[3];  // conv l's output, after ReLU
  for (int l = 0; l < 3; ++l) {
    const ConvShape& c = kConv[l];
    const int ic = l == 0 ? channels : kConv[l - 1].oc;
    const memory::dims src_dims = conv_src_dims(l), dst_dims = {B, c.oc, c.out, c.out};
    const bool last = !layout.blocked_convs || l == 0;
    auto make = [&](bool pinned) {
      const memory::desc src = !pinned                          ? any(src_dims)
                               : l == 0                         ? nhwc(src_dims)
                               : layout.blocked_convs && l == 1 ? any(src_dims)
                                                                : out[l - 1].get_desc();
      const memory::desc dst = pinned && last ? nhwc(dst_dims) : any(dst_dims);
      return convolution_forward::primitive_desc(
          convolution_forward::desc(prop, algorithm::convolution_direct, src,
                                    any({c.oc, ic, c.k, c.k}), plain[2 * l + 1], dst, {c.s, c.s},
                                    {0, 0}, {0, 0}),
          relu_attr(), eng);
    };
    conv_pd[l] = prefer<convolution_forward::primitive_desc>(make);
    const std::string name = "conv" + std::to_string(l + 1);
    if (l == 0) {
      // uint8 -> fp32 / 255, into conv1's layout (bf16: our loop's bf16
      // nhwc, reordered if conv1 wants another layout).
      const memory::desc bf16_nhwc(conv_src_dims(0), dt::bf16, tag::nhwc);
      const memory::desc input_desc = bf16 ? bf16_nhwc : conv_pd[0].src_desc();
      const size_t bytes = (input_desc.get_size() + 63) / 64 * 64;
      p.input_buffer.reset(std::aligned_alloc(64, bytes));
      if (!p.input_buffer) throw std::bad_alloc();
      in[0] = memory(input_desc, eng, p.input_buffer.get());
      p.input = in[0];
      if (bf16) {
        const int c = channels;
        p.forward.push_back({"input u8 -> bf16", [obs = p.obs, x = in[0], B, c] {
                               observations_to_input_bf16(
                                   static_cast<const uint8_t*>(obs.get_data_handle()),
                                   static_cast<uint16_t*>(x.get_data_handle()), B, c);
                             }});
        in[0] = adapt(p.forward, "conv1 input layout", in[0], conv_pd[0].src_desc());
      } else if (in[0].get_desc() == nhwc(conv_src_dims(0))) {
        // Our own loop: LibTorch's values exactly (x / 255, not oneDNN's x * (1/255),
        // which differs in the last bit for half the bytes), and 2-3x faster than
        // oneDNN 2.6's scaled u8 nchw -> f32 nhwc reorder at batch 32 (docs/agent.md).
        const int c = channels;
        p.forward.push_back({"input u8 -> f32", [obs = p.obs, x = in[0], B, c] {
                               observations_to_input(
                                   static_cast<const uint8_t*>(obs.get_data_handle()),
                                   static_cast<float*>(x.get_data_handle()), B, c);
                             }});
      } else {
        dnnl::primitive_attr scale;
        scale.set_output_scales(0, {1.f / 255.f});
        dnnl::reorder to_float(
            dnnl::reorder::primitive_desc(eng, p.obs.get_desc(), eng, in[0].get_desc(), scale));
        p.forward.push_back({"input u8 -> f32", [to_float, obs = p.obs, x = in[0], s]() mutable {
                               to_float.execute(*s, obs, x);
                             }});
      }
    } else {
      in[l] = adapt(p.forward, name + " input layout", out[l - 1], conv_pd[l].src_desc());
    }
    out[l] = memory(conv_pd[l].dst_desc(), eng);
    step(p.forward, name + " forward", convolution_forward(conv_pd[l]),
         {{DNNL_ARG_SRC, in[l]},
          {DNNL_ARG_WEIGHTS, weights(p, 2 * l, conv_pd[l].weights_desc())},
          {DNNL_ARG_BIAS, user[2 * l + 1]},
          {DNNL_ARG_DST, out[l]}});
    p.lines.push_back(line(name + " forward", conv_pd[l], conv_pd[l].src_desc(),
                           conv_pd[l].weights_desc(), conv_pd[l].dst_desc()));
  }
  // fc1 reads conv3's output reordered to plain NCHW (400 KB at batch 32),
  // so that its weights [512, 64, 7, 7] can be LibTorch's [512, 3136] as
  // they are: no 6.4 MB copy after each step, the gradient written in place
  // (unless fc1_own_weights).
  // bf16: fc1's weights a plain bf16 copy [512, 3136] that its forward and
  // backward matmuls read (else a copy in the inner product's layout), its
  // output (hidden) f32 for fc2.
  const bool fc1_plain_weights = !layout.fc1_own_weights && !bf16;
  const memory::desc fc1_src({B, 64, 7, 7}, adt, tag::nchw);
  in[3] = adapt(p.forward, "fc1 input layout", out[2], fc1_src);
  auto fc1_make = [&](bool pinned) {
    return inner_product_forward::primitive_desc(
        inner_product_forward::desc(
            prop, in[3].get_desc(),
            pinned && fc1_plain_weights ? plain[6] : any({kHidden, 64, 7, 7}), plain[7],
            any_f32({B, kHidden})),
        relu_attr(), eng);
  };
  const auto fc1_pd = prefer<inner_product_forward::primitive_desc>(fc1_make);
  memory hidden(fc1_pd.dst_desc(), eng);
  const bool fc1_matmul = fc1_forward_as_matmul(p, in[3], hidden);
  if (!fc1_matmul) {
    step(p.forward, "fc1 forward", inner_product_forward(fc1_pd),
         {{DNNL_ARG_SRC, in[3]},
          {DNNL_ARG_WEIGHTS, weights(p, 6, fc1_pd.weights_desc())},
          {DNNL_ARG_BIAS, user[7]},
          {DNNL_ARG_DST, hidden}});
    p.lines.push_back(
        line("fc1 forward", fc1_pd, fc1_pd.src_desc(), fc1_pd.weights_desc(), fc1_pd.dst_desc()));
  }
  const inner_product_forward::primitive_desc fc2_pd(
      inner_product_forward::desc(prop, hidden.get_desc(), any_f32({outputs, kHidden}), plain[9],
                                  p.out.get_desc()),
      eng);
  step(p.forward, "fc2 forward", inner_product_forward(fc2_pd),
       {{DNNL_ARG_SRC, hidden},
        {DNNL_ARG_WEIGHTS, weights(p, 8, fc2_pd.weights_desc())},
        {DNNL_ARG_BIAS, user[9]},
        {DNNL_ARG_DST, p.out}});
  p.lines.push_back(
      line("fc2 forward", fc2_pd, fc2_pd.src_desc(), fc2_pd.weights_desc(), fc2_pd.dst_desc()));
  if (!p.training) return;

  // Backward, from the loss gradient d_out [B, outputs] down. Each layer:
  // its weights' and bias's gradients (written into the caller's plain
  // tensors, through a reorder where oneDNN's layout differs), then the
  // gradient wrt its input, masked by the ReLU that produced that input.
  p.d_out = memory(p.out.get_desc(), eng, nullptr);
  for (int i = 0; i < kNatureCnnTensors; ++i) p.grads[i] = memory(plain[i], eng, nullptr);

  // The weight gradient of tensor i in layout d: the caller's tensor itself,
  // or a buffer reordered into it after the step.
  auto weight_grad = [&](const std::string& name, int i, const memory::desc& d) {
    if (d == plain[i]) return p.grads[i];
    memory m(d, eng);
    dnnl::reorder r(m, p.grads[i]);
    p.backward.push_back(
        {name + " to plain", [r, m, to = p.grads[i], s]() mutable { r.execute(*s, m, to); }});
    return m;
  };
  // Steps are pushed in order; weight_grad's reorder must follow its primitive.
  auto weights_step = [&](const std::string& name, const dnnl::primitive& prim, int i,
                          const memory::desc& dw_desc, const memory& src, const memory& diff_dst) {
    std::vector<Step> after;
    std::swap(after, p.backward);  // collect the reorder separately
    const memory dw = weight_grad(name, i, dw_desc);
    std::swap(after, p.backward);
    step(p.backward, name, prim,
         {{DNNL_ARG_SRC, src},
          {DNNL_ARG_DIFF_DST, diff_dst},
          {DNNL_ARG_DIFF_WEIGHTS, dw},
          {DNNL_ARG_DIFF_BIAS, p.grads[i + 1]}});
    for (auto& a : after) p.backward.push_back(std::move(a));
  };
  // The gradient `d` wrt a ReLU's output `y`, masked (y > 0), in y's layout.
  auto relu_step = [&](const memory& d, const memory& y) {
    const memory m = adapt(p.backward, "relu backward", d, y.get_desc());
    if (y.get_desc().data_type() == dt::bf16) {
      const int64_t n = static_cast<int64_t>(y.get_desc().get_size() / sizeof(uint16_t));
      p.backward.push_back({"relu backward", [m, y, n] {
                              relu_backward_bf16(static_cast<uint16_t*>(m.get_data_handle()),
                                                 static_cast<const uint16_t*>(y.get_data_handle()),
                                                 n);
                            }});
      return m;
    }
    const int64_t n = static_cast<int64_t>(y.get_desc().get_size() / sizeof(float));
    p.backward.push_back({"relu backward", [m, y, n] {
                            relu_backward(static_cast<float*>(m.get_data_handle()),
                                          static_cast<const float*>(y.get_data_handle()), n);
                          }});
    return m;
  };

  // fc2: d_out -> the gradient wrt hidden.
  memory grad = p.d_out;  // wrt the current layer's output
  {
    const inner_product_backward_weights::primitive_desc bw(
        inner_product_backward_weights::desc(hidden.get_desc(), any_f32({outputs, kHidden}),
                                             plain[9], grad.get_desc()),
        eng, fc2_pd);
    const inner_product_backward_data::primitive_desc bd(
        inner_product_backward_data::desc(hidden.get_desc(), any_f32({outputs, kHidden}),
                                          grad.get_desc()),
        eng, fc2_pd);
    weights_step("fc2 backward weights", inner_product_backward_weights(bw), 8,
                 bw.diff_weights_desc(), hidden,
                 adapt(p.backward, "fc2 backward weights", grad, bw.diff_dst_desc()));
    memory dsrc(bd.diff_src_desc(), eng);
    step(p.backward, "fc2 backward data", inner_product_backward_data(bd),
         {{DNNL_ARG_DIFF_DST, adapt(p.backward, "fc2 backward data", grad, bd.diff_dst_desc())},
          {DNNL_ARG_WEIGHTS, weights(p, 8, bd.weights_desc())},
          {DNNL_ARG_DIFF_SRC, dsrc}});
    p.lines.push_back(line("fc2 backward weights", bw, bw.src_desc(), bw.diff_weights_desc(),
                           bw.diff_dst_desc()));
    p.lines.push_back(
        line("fc2 backward data", bd, bd.diff_src_desc(), bd.weights_desc(), bd.diff_dst_desc()));
    grad = relu_step(dsrc, hidden);
  }
  // fc1: -> the gradient wrt conv3's output.
  bool fc1_done = false;
  if (bf16 && fc1_matmul) {
    const memory d_x(in[3].get_desc(), eng);
    if (fc1_backward_as_matmuls_bf16(p, in[3], grad, d_x)) {
      grad = relu_step(d_x, out[2]);
      fc1_done = true;
    }
  }
  if (!fc1_done) {
    auto bw_make = [&](bool pinned) {
      return inner_product_backward_weights::primitive_desc(
          inner_product_backward_weights::desc(
              in[3].get_desc(),
              pinned && !layout.fc1_own_weights ? plain[6] : any_f32({kHidden, 64, 7, 7}),
              plain[7], bf16 ? any({B, kHidden}) : grad.get_desc()),
          eng, fc1_pd);
    };
    auto bd_make = [&](bool pinned) {
      return inner_product_backward_data::primitive_desc(
          inner_product_backward_data::desc(
              in[3].get_desc(), pinned && fc1_plain_weights ? plain[6] : any({kHidden, 64, 7, 7}),
              bf16 ? any({B, kHidden}) : grad.get_desc()),
          eng, fc1_pd);
    };
    const auto bw = prefer<inner_product_backward_weights::primitive_desc>(bw_make);
    const auto bd = prefer<inner_product_backward_data::primitive_desc>(bd_make);
    weights_step("fc1 backward weights", inner_product_backward_weights(bw), 6,
                 bw.diff_weights_desc(), in[3],
                 adapt(p.backward, "fc1 backward weights", grad, bw.diff_dst_desc()));
    memory dsrc(bd.diff_src_desc(), eng);
    step(p.backward, "fc1 backward data", inner_product_backward_data(bd),
         {{DNNL_ARG_DIFF_DST, adapt(p.backward, "fc1 backward data", grad, bd.diff_dst_desc())},
          {DNNL_ARG_WEIGHTS, weights(p, 6, bd.weights_desc())},
          {DNNL_ARG_DIFF_SRC, dsrc}});
    p.lines.push_back(line("fc1 backward weights", bw, bw.src_desc(), bw.diff_weights_desc(),
                           bw.diff_dst_desc()));
    p.lines.push_back(
        line("fc1 backward data", bd, bd.diff_src_desc(), bd.weights_desc(), bd.diff_dst_desc()));
    grad = relu_step(dsrc, out[2]);
  }
  // The convolutions, conv3 down to conv1 (conv1: weights only; its input is data).
  for (int l = 2; l >= 0; --l) {
    const ConvShape& c = kConv[l];
    const int ic = l == 0 ? channels : kConv[l - 1].oc;
    const std::string name = "conv" + std::to_string(l + 1);
    const convolution_backward_weights::primitive_desc bw(
        convolution_backward_weights::desc(algorithm::convolution_direct, in[l].get_desc(),
                                           any_f32({c.oc, ic, c.k, c.k}), plain[2 * l + 1],
                                           grad.get_desc(), {c.s, c.s}, {0, 0}, {0, 0}),
        eng, conv_pd[l]);
    weights_step(name + " backward weights", convolution_backward_weights(bw), 2 * l,
                 bw.diff_weights_desc(), in[l],
                 adapt(p.backward, name + " backward weights", grad, bw.diff_dst_desc()));
    p.lines.push_back(line(name + " backward weights", bw, bw.src_desc(), bw.diff_weights_desc(),
                           bw.diff_dst_desc()));
    if (l == 0) break;
    const convolution_backward_data::primitive_desc bd(
        convolution_backward_data::desc(algorithm::convolution_direct, in[l].get_desc(),
                                        any({c.oc, ic, c.k, c.k}), grad.get_desc(), {c.s, c.s},
                                        {0, 0}, {0, 0}),
        eng, conv_pd[l]);
    memory dsrc(bd.diff_src_desc(), eng);
    step(p.backward, name + " backward data", convolution_backward_data(bd),
         {{DNNL_ARG_DIFF_DST, adapt(p.backward, name + " backward data", grad, bd.diff_dst_desc())},
          {DNNL_ARG_WEIGHTS, weights(p, 2 * l, bd.weights_desc())},
          {DNNL_ARG_DIFF_SRC, dsrc}});
    p.lines.push_back(line(name + " backward data", bd, bd.diff_src_desc(), bd.weights_desc(),
                           bd.diff_dst_desc()));
    grad = relu_step(dsrc, out[l - 1]);
  }
}

// fc1's forward, hidden = relu(x W^T + b), as a matmul reading LibTorch's
// [512, 3136] weights in place as the transposed [3136, 512]: oneDNN 2.6's
// brgemm matmul runs it ~1.8x faster than the inner product's gemm, which
// repacks the 6.4 MB of weights on every call (0.39 vs 0.71 ms at batch 32,
// 2 threads, weights not in cache; docs/agent.md). Only for LibTorch's own
// weight layout, x [B, 3136] and hidden [B, 512] plain; false (nothing
// added) when those do not hold or oneDNN has only its reference kernel.
bool DnnlQNetwork::Impl::fc1_forward_as_matmul(Plan& p, const memory& x, const memory& hidden) {
  using nature_cnn::kFeatures;
  const int B = p.batch;
  const dt wdt = bf16 ? dt::bf16 : dt::f32;
  const memory::desc x2({B, kFeatures}, wdt, tag::ab), w2({kFeatures, kHidden}, wdt, tag::ba),
      b2({1, kHidden}, dt::f32, tag::ab), y2({B, kHidden}, dt::f32, tag::ab);
  // x is build()'s fc1 input, plain NCHW [B, 64, 7, 7] = [B, 3136] by construction.
  // (bf16 reads its own copy anyway, made at each change of the weights:
  // fc1_own_weights changes nothing there.)
  if ((layout.fc1_own_weights && !bf16) || hidden.get_desc() != y2) return false;
  dnnl::matmul::primitive_desc pd;
  try {
    pd = dnnl::matmul::primitive_desc(dnnl::matmul::desc(x2, w2, b2, y2), relu_attr(), eng);
  } catch (const dnnl::error&) {
    return false;
  }
  if (is_reference(pd.impl_info_str())) return false;
  // The same buffers seen as 2-D; the weights' and bias's are set_weights'
  // pointers, read at each run.
  const memory xm(x2, eng, x.get_data_handle()), ym(y2, eng, hidden.get_data_handle());
  dnnl::stream* s = &strm;
  if (bf16) {
    // The plain bf16 copy (refreshed with the plan's other copies), read as
    // the transposed [3136, 512].
    const memory w16 = weights(p, 6, memory::desc({kHidden, 64, 7, 7}, dt::bf16, tag::oihw));
    const memory wm(w2, eng, w16.get_data_handle());
    p.forward.push_back({"fc1 forward",
                         [prim = dnnl::matmul(pd), xm, ym, wm, bm = memory(b2, eng, nullptr),
                          b = user[7], s]() mutable {
                           bm.set_data_handle(b.get_data_handle());
                           prim.execute(*s, {{DNNL_ARG_SRC, xm},
                                             {DNNL_ARG_WEIGHTS, wm},
                                             {DNNL_ARG_BIAS, bm},
                                             {DNNL_ARG_DST, ym}});
                         }});
    p.lines.push_back(
        line("fc1 forward (matmul, bf16)", pd, pd.src_desc(), pd.weights_desc(), pd.dst_desc()));
    return true;
  }
  p.forward.push_back(
      {"fc1 forward", [prim = dnnl::matmul(pd), xm, ym, wm = memory(w2, eng, nullptr),
                       bm = memory(b2, eng, nullptr), w = user[6], b = user[7], s]() mutable {
         wm.set_data_handle(w.get_data_handle());
         bm.set_data_handle(b.get_data_handle());
         prim.execute(
             *s,
             {{DNNL_ARG_SRC, xm}, {DNNL_ARG_WEIGHTS, wm}, {DNNL_ARG_BIAS, bm}, {DNNL_ARG_DST, ym}});
       }});
  p.lines.push_back(
      line("fc1 forward (matmul)", pd, pd.src_desc(), pd.weights_desc(), pd.dst_desc()));
  return true;
}

// fc1's backward in bf16 as brgemm matmuls over the forward's plain bf16
// weights (the inner product's gemm packs them on every call): d_x = d_h W
// [B, 3136]; dW = d_h^T x [512, 3136] written in place into LibTorch's fp32
// gradient; the bias's gradient the batch sum of d_h. d_hidden: f32 [B, 512]
// (after the ReLU mask); d_x: bf16 in x's layout. false (nothing added)
// where oneDNN has only reference kernels for them.
bool DnnlQNetwork::Impl::fc1_backward_as_matmuls_bf16(Plan& p, const memory& x,
                                                      const memory& d_hidden, const memory& d_x) {
  using nature_cnn::kFeatures;
  const int B = p.batch;
  const memory::desc dh16_desc({B, kHidden}, dt::bf16, tag::ab),
      dht_desc({kHidden, B}, dt::bf16, tag::ab), x2({B, kFeatures}, dt::bf16, tag::ab),
      w_ab({kHidden, kFeatures}, dt::bf16, tag::ab), dw_desc({kHidden, kFeatures}, dt::f32, tag::ab),
      dx2({B, kFeatures}, dt::bf16, tag::ab);
  if (d_hidden.get_desc() != memory::desc({B, kHidden}, dt::f32, tag::ab)) return false;
  dnnl::matmul::primitive_desc data_pd, weights_pd;
  try {
    data_pd = dnnl::matmul::primitive_desc(dnnl::matmul::desc(dh16_desc, w_ab, dx2), eng);
    weights_pd = dnnl::matmul::primitive_desc(dnnl::matmul::desc(dht_desc, x2, dw_desc), eng);
  } catch (const dnnl::error&) {
    return false;
  }
  if (is_reference(data_pd.impl_info_str()) || is_reference(weights_pd.impl_info_str()))
    return false;
  dnnl::stream* s = &strm;
  // d_h in bf16, and transposed ([B, 512] 'ba' is [512, B] 'ab').
  const memory dh16 = adapt(p.backward, "fc1 backward: d_hidden to bf16", d_hidden, dh16_desc);
  const memory dht(memory::desc({B, kHidden}, dt::bf16, tag::ba), eng);
  {
    dnnl::reorder r(dh16, dht);
    p.backward.push_back({"fc1 backward: d_hidden transposed",
                          [r, a = dh16, b = dht, s]() mutable { r.execute(*s, a, b); }});
  }
  // The bias's gradient: sum over the batch (fp32).
  p.backward.push_back({"fc1 backward bias", [dh = d_hidden, db = p.grads[7], B] {
                          const float* d = static_cast<const float*>(dh.get_data_handle());
                          float* out = static_cast<float*>(db.get_data_handle());
                          for (int j = 0; j < kHidden; ++j) out[j] = 0.f;
                          for (int i = 0; i < B; ++i)
                            for (int j = 0; j < kHidden; ++j) out[j] += d[i * kHidden + j];
                        }});
  const memory w16 = weights(p, 6, memory::desc({kHidden, 64, 7, 7}, dt::bf16, tag::oihw));
  p.backward.push_back(
      {"fc1 backward weights",
       [prim = dnnl::matmul(weights_pd), a = memory(dht_desc, eng, dht.get_data_handle()),
        xm = memory(x2, eng, x.get_data_handle()), dw = memory(dw_desc, eng, nullptr),
        to = p.grads[6], s]() mutable {
         dw.set_data_handle(to.get_data_handle());
         prim.execute(*s, {{DNNL_ARG_SRC, a}, {DNNL_ARG_WEIGHTS, xm}, {DNNL_ARG_DST, dw}});
       }});
  p.backward.push_back(
      {"fc1 backward data",
       [prim = dnnl::matmul(data_pd), dh16, wm = memory(w_ab, eng, w16.get_data_handle()),
        dx = memory(dx2, eng, d_x.get_data_handle()), s]() mutable {
         prim.execute(*s, {{DNNL_ARG_SRC, dh16}, {DNNL_ARG_WEIGHTS, wm}, {DNNL_ARG_DST, dx}});
       }});
  p.lines.push_back(line("fc1 backward weights (matmul, bf16)", weights_pd,
                         weights_pd.src_desc(), weights_pd.weights_desc(), weights_pd.dst_desc()));
  p.lines.push_back(line("fc1 backward data (matmul, bf16)", data_pd, data_pd.src_desc(),
                         data_pd.weights_desc(), data_pd.dst_desc()));
  return true;
}

Plan& DnnlQNetwork::Impl::plan(int batch, bool train) {
  if (batch < 1) throw std::invalid_argument("DnnlQNetwork: batch must be >= 1");
  if (train) {
    if (!training || training->batch != batch) {
      // Stored only once built: a build that throws leaves no half plan.
      auto t = std::make_unique<Plan>();
      t->batch = batch;
      t->training = true;
      build(*t);
      training = std::move(t);
      inference.erase(batch);  // the training plan serves this batch's inference from now on
    }
    return *training;
  }
  // A training plan of this batch serves inference too (same weight copies).
  if (training && training->batch == batch) return *training;
  auto it = inference.find(batch);
  if (it == inference.end()) {
    auto built = std::make_unique<Plan>();
    built->batch = batch;
    build(*built);
    it = inference.emplace(batch, std::move(built)).first;
  }
  return *it->second;
}

DnnlQNetwork::DnnlQNetwork(int in_channels, int outputs, DnnlLayout layout,
                           DnnlPrecision precision)
    : impl_(std::make_unique<Impl>(in_channels, outputs, layout,
                                   precision == DnnlPrecision::kBf16)) {}

DnnlQNetwork::~DnnlQNetwork() = default;

bool DnnlQNetwork::bf16_available() {
  // conv2's shape at batch 32: the kernel kind oneDNN would pick.
  try {
    const dnnl::engine eng(dnnl::engine::kind::cpu, 0);
    const memory::desc src({32, 32, 20, 20}, dt::bf16, tag::nhwc),
        w({64, 32, 4, 4}, dt::bf16, tag::any), b({64}, dt::f32, tag::x),
        dst({32, 64, 9, 9}, dt::bf16, tag::nhwc);
    const dnnl::convolution_forward::primitive_desc pd(
        dnnl::convolution_forward::desc(prop_kind::forward_training,
                                        algorithm::convolution_direct, src, w, b, dst, {2, 2},
                                        {0, 0}, {0, 0}),
        eng);
    // Native bf16 dot products (AVX-512 BF16, AMX): oneDNN names the ISA in
    // the kernel; on plain AVX-512 it emulates them (slower than fp32).
    const std::string impl = pd.impl_info_str();
    return impl.find("avx512_core_bf16") != std::string::npos ||
           impl.find("amx") != std::string::npos;
  } catch (const dnnl::error&) {
    return false;
  }
}

int DnnlQNetwork::in_channels() const {
  return impl_->channels;
}
int DnnlQNetwork::outputs() const {
  return impl_->outputs;
}

void DnnlQNetwork::set_weights(const NatureCnnWeights& weights) {
  for (int i = 0; i < kNatureCnnTensors; ++i) {
    if (!weights[i]) throw std::invalid_argument("DnnlQNetwork::set_weights: null tensor");
    impl_->user[i].set_data_handle(const_cast<float*>(weights[i]));
  }
  ++impl_->generation;
}

void DnnlQNetwork::forward(const uint8_t* obs, int batch, float* out) {
  Plan& p = impl_->plan(batch, false);
  impl_->refresh(p);
  p.obs.set_data_handle(const_cast<uint8_t*>(obs));
  p.out.set_data_handle(out);
  impl_->run(p.forward);
}

void DnnlQNetwork::forward_both(DnnlQNetwork& a, DnnlQNetwork& b, const uint8_t* obs, int batch,
                                float* out_a, float* out_b) {
  a.forward(obs, batch, out_a);
  Plan& pa = a.impl_->plan(batch, false);
  Plan& pb = b.impl_->plan(batch, false);
  if (pa.input.get_desc() != pb.input.get_desc()) {  // other layouts: no sharing
    b.forward(obs, batch, out_b);
    return;
  }
  b.impl_->refresh(pb);
  pb.out.set_data_handle(out_b);
  // b's steps after its input conversion (the first), reading a's input.
  void* own = pb.input.get_data_handle();
  pb.input.set_data_handle(pa.input.get_data_handle());
  try {
    b.impl_->run({pb.forward.begin() + 1, pb.forward.end()});
  } catch (...) {
    pb.input.set_data_handle(own);
    throw;
  }
  pb.input.set_data_handle(own);
}

void DnnlQNetwork::forward_train(const uint8_t* obs, int batch, float* out) {
  Plan& p = impl_->plan(batch, true);
  impl_->refresh(p);
  p.obs.set_data_handle(const_cast<uint8_t*>(obs));
  p.out.set_data_handle(out);
  impl_->run(p.forward);
}

void DnnlQNetwork::backward(const float* d_out, const NatureCnnGrads& grads) {
  if (!impl_->training) throw std::logic_error("DnnlQNetwork::backward before forward_train");
  Plan& p = *impl_->training;
  impl_->refresh(p);  // (the backward's own weight layouts)
  p.d_out.set_data_handle(const_cast<float*>(d_out));
  for (int i = 0; i < kNatureCnnTensors; ++i) {
    if (!grads[i]) throw std::invalid_argument("DnnlQNetwork::backward: null gradient");
    p.grads[i].set_data_handle(grads[i]);
  }
  impl_->run(p.backward);
}

void DnnlQNetwork::set_profiling(bool on) {
  impl_->profiling = on;
}
std::vector<std::pair<std::string, double>> DnnlQNetwork::profile() const {
  return impl_->times;
}
void DnnlQNetwork::reset_profile() {
  impl_->times.clear();
}

std::string DnnlQNetwork::describe() const {
  std::ostringstream s;
  auto put = [&](const char* what, const Plan& p) {
    s << what << " batch " << p.batch << ":\n";
    for (const auto& l : p.lines) s << "  " << l << "\n";
  };
  if (impl_->training) put("training", *impl_->training);
  for (const auto& [b, p] : impl_->inference) put("inference", *p);
  int copies = 0;
  for (const auto& m : impl_->mirrors) copies += static_cast<int>(m.size());
  s << "weight copies in oneDNN layouts: " << copies << "\n";
  return s.str();
}

}  // namespace ag::agent
