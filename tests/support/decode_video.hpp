// Reads a video back through libavformat + libavcodec, as a player would (the
// GIF too: libav's GIF decoder composes each frame over the last, honouring
// transparency): the frame count, size, mean frame rate, and the first
// frames and the last as RGB pictures. For the video writer's and record's tests.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "media/image.hpp"

namespace ag::test {

struct DecodedVideo {
  std::string codec;  // "h264", "gif"
  int width = 0, height = 0;
  int64_t frames = 0;
  double seconds = 0;               // the frames' durations summed
  std::vector<media::Image> first;  // the first `keep` frames, RGB
  media::Image last;                // the last frame, RGB
};

inline DecodedVideo decode_video(const std::filesystem::path& path, size_t keep = 1) {
  AVFormatContext* fmt = nullptr;
  if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) < 0)
    throw std::runtime_error(path.string() + ": libavformat cannot open it");
  struct Cleanup {
    AVFormatContext** fmt;
    AVCodecContext* ctx = nullptr;
    AVPacket* pkt = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    SwsContext* sws = nullptr;
    ~Cleanup() {
      sws_freeContext(sws);
      av_frame_free(&frame);
      av_packet_free(&pkt);
      avcodec_free_context(&ctx);
      avformat_close_input(fmt);
    }
  } c{&fmt};
  if (avformat_find_stream_info(fmt, nullptr) < 0)
    throw std::runtime_error(path.string() + ": no stream info");
  const AVCodec* codec = nullptr;
  const int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (si < 0 || !codec) throw std::runtime_error(path.string() + ": no video stream");
  const AVStream* stream = fmt->streams[si];
  c.ctx = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(c.ctx, stream->codecpar);
  if (avcodec_open2(c.ctx, codec, nullptr) < 0)
    throw std::runtime_error(path.string() + ": cannot open the decoder");
  DecodedVideo v;
  v.codec = codec->name;
  int64_t duration = 0;  // in the stream's time base
  const auto drain = [&] {
    while (avcodec_receive_frame(c.ctx, c.frame) == 0) {
      ++v.frames;
      v.width = c.frame->width;
      v.height = c.frame->height;
      c.sws = sws_getCachedContext(
          c.sws, v.width, v.height, static_cast<AVPixelFormat>(c.frame->format), v.width, v.height,
          AV_PIX_FMT_RGB24, SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
      media::Image img(v.width, v.height);
      uint8_t* dst[1] = {img.rgb.data()};
      const int dst_stride[1] = {v.width * 3};
      sws_scale(c.sws, c.frame->data, c.frame->linesize, 0, v.height, dst, dst_stride);
      if (v.first.size() < keep) v.first.push_back(img);
      v.last = std::move(img);
    }
  };
  while (av_read_frame(fmt, c.pkt) >= 0) {
    if (c.pkt->stream_index == si) {
      duration += c.pkt->duration;
      avcodec_send_packet(c.ctx, c.pkt);
      drain();
    }
    av_packet_unref(c.pkt);
  }
  avcodec_send_packet(c.ctx, nullptr);
  drain();
  v.seconds = duration * av_q2d(stream->time_base);
  return v;
}

// Mean absolute difference per channel value of two same-size pictures
// (a large number when the sizes differ).
inline double mean_abs_error(const media::Image& a, const media::Image& b) {
  if (a.width != b.width || a.height != b.height) return 1e9;
  double sum = 0;
  for (size_t i = 0; i < a.rgb.size(); ++i) sum += std::abs(int{a.rgb[i]} - int{b.rgb[i]});
  return a.rgb.empty() ? 0 : sum / a.rgb.size();
}

}  // namespace ag::test
