#include "media/mp4_writer.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <stdexcept>
#include <string>

#include "media/temp_file.hpp"

namespace ag::media {

namespace {

std::string av_error(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

class Mp4Writer final : public VideoWriter {
 public:
  Mp4Writer(const std::filesystem::path& path, int width, int height, FrameRate fps,
            const VideoOptions& options);
  ~Mp4Writer() override;
  void add_frame(const Image& frame) override;
  void finish() override;

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void check(int av_status, const char* what) const;
  // Sends `frame` (nullptr: flush) and writes the packets the encoder has ready.
  void encode(const AVFrame* frame);
  void open(int width, int height, FrameRate fps, const VideoOptions& options);
  void close();

  TempFile temp_;
  int width_, height_;
  AVFormatContext* format_ = nullptr;
  AVCodecContext* codec_ = nullptr;
  AVStream* stream_ = nullptr;
  SwsContext* sws_ = nullptr;
  AVFrame* frame_ = nullptr;
  AVPacket* packet_ = nullptr;
  bool finished_ = false;
};

Mp4Writer::Mp4Writer(const std::filesystem::path& path, int width, int height, FrameRate fps,
                     const VideoOptions& options)
    : temp_(path), width_(width), height_(height) {
  try {
    open(width, height, fps, options);
  } catch (...) {
    close();  // no destructor after a throwing constructor
    throw;
  }
}

void Mp4Writer::open(int width, int height, FrameRate fps, const VideoOptions& options) {
  const std::filesystem::path& path = temp_.target();
  if (width <= 0 || height <= 0 || width % 2 || height % 2)
    throw std::invalid_argument(path.string() +
                                ": an H.264 (4:2:0) video must have an even size, not " +
                                std::to_string(width) + "x" + std::to_string(height));
  if (fps.num <= 0 || fps.den <= 0) throw std::invalid_argument(path.string() + ": bad frame rate");
  // libav's banners (x264's CPU flags and statistics, the muxer's second
  // pass) are not for record's user; its warnings and errors still show.
  if (av_log_get_level() > AV_LOG_WARNING) av_log_set_level(AV_LOG_WARNING);

  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec)
    fail(
        "this libavcodec has no H.264 encoder (libx264); record a .gif instead, or install "
        "Debian's libavcodec with libx264");
  check(avformat_alloc_output_context2(&format_, nullptr, "mp4", temp_.path().c_str()),
        "cannot set up the MP4 muxer");
  codec_ = avcodec_alloc_context3(codec);
  if (!codec_) fail("out of memory");
  codec_->width = width;
  codec_->height = height;
  codec_->pix_fmt = AV_PIX_FMT_YUV420P;
  codec_->time_base = AVRational{fps.den, fps.num};
  codec_->framerate = AVRational{fps.num, fps.den};
  codec_->thread_count = options.threads;
  // What swscale's RGB -> YUV conversion below uses, so players convert back alike.
  codec_->colorspace = AVCOL_SPC_SMPTE170M;
  codec_->color_range = AVCOL_RANGE_MPEG;
  if (format_->oformat->flags & AVFMT_GLOBALHEADER) codec_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set(codec_->priv_data, "preset", "medium", 0);
  av_opt_set(codec_->priv_data, "crf", std::to_string(options.crf).c_str(), 0);
  check(avcodec_open2(codec_, codec, nullptr), "cannot open the H.264 encoder");

  stream_ = avformat_new_stream(format_, nullptr);
  if (!stream_) fail("out of memory");
  stream_->time_base = codec_->time_base;
  stream_->avg_frame_rate = codec_->framerate;
  check(avcodec_parameters_from_context(stream_->codecpar, codec_), "cannot set up the stream");

  const int rc = avio_open(&format_->pb, temp_.path().c_str(), AVIO_FLAG_WRITE);
  if (rc < 0) fail("cannot create the file: " + av_error(rc));
  AVDictionary* mux = nullptr;
  av_dict_set(&mux, "movflags", "+faststart", 0);  // the index first: browsers play at once
  const int hrc = avformat_write_header(format_, &mux);
  av_dict_free(&mux);
  check(hrc, "cannot write the MP4 header");

  sws_ = sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUV420P,
                        SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
  frame_ = av_frame_alloc();
  packet_ = av_packet_alloc();
  if (!sws_ || !frame_ || !packet_) fail("out of memory");
  frame_->format = AV_PIX_FMT_YUV420P;
  frame_->width = width;
  frame_->height = height;
  check(av_frame_get_buffer(frame_, 0), "out of memory");
}

Mp4Writer::~Mp4Writer() {
  close();
}

void Mp4Writer::close() {
  av_packet_free(&packet_);
  av_frame_free(&frame_);
  sws_freeContext(sws_);
  avcodec_free_context(&codec_);
  if (format_) {
    if (format_->pb) avio_closep(&format_->pb);
    avformat_free_context(format_);
    format_ = nullptr;
  }
  sws_ = nullptr;
  // temp_ then removes the file unless finish() renamed it into place.
}

void Mp4Writer::fail(const std::string& what) const {
  throw std::runtime_error(temp_.target().string() + ": " + what);
}

void Mp4Writer::check(int av_status, const char* what) const {
  if (av_status < 0) fail(std::string(what) + ": " + av_error(av_status));
}

void Mp4Writer::encode(const AVFrame* frame) {
  check(avcodec_send_frame(codec_, frame), "cannot encode a frame");
  for (;;) {
    const int rc = avcodec_receive_packet(codec_, packet_);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
    check(rc, "cannot encode a frame");
    av_packet_rescale_ts(packet_, codec_->time_base, stream_->time_base);
    packet_->stream_index = stream_->index;
    check(av_interleaved_write_frame(format_, packet_), "cannot write a frame");
  }
}

void Mp4Writer::add_frame(const Image& img) {
  if (finished_) fail("frame added after finish()");
  if (img.width != width_ || img.height != height_)
    throw std::invalid_argument(temp_.target().string() + ": frame is " +
                                std::to_string(img.width) + "x" + std::to_string(img.height) +
                                ", the video " + std::to_string(width_) + "x" +
                                std::to_string(height_));
  // The encoder may still hold the last frame's buffer.
  check(av_frame_make_writable(frame_), "out of memory");
  const uint8_t* src[1] = {img.rgb.data()};
  const int src_stride[1] = {img.width * 3};
  sws_scale(sws_, src, src_stride, 0, img.height, frame_->data, frame_->linesize);
  frame_->pts = frames_;
  encode(frame_);
  ++frames_;
}

void Mp4Writer::finish() {
  if (finished_) fail("finish() called twice");
  finished_ = true;
  encode(nullptr);
  check(av_write_trailer(format_), "cannot finish the MP4");
  check(avio_closep(&format_->pb), "cannot write the file");
  temp_.commit();
}

}  // namespace

std::unique_ptr<VideoWriter> open_mp4(const std::filesystem::path& path, int width, int height,
                                      FrameRate fps, const VideoOptions& options) {
  return std::make_unique<Mp4Writer>(path, width, height, fps, options);
}

}  // namespace ag::media
