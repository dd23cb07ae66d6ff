#include "media/window.hpp"

#include <SDL2/SDL.h>

#include <stdexcept>

namespace ag::media {

namespace {

[[noreturn]] void sdl_fail(const std::string& what) {
  throw std::runtime_error(what + ": " + SDL_GetError());
}

}  // namespace

struct Window::Impl {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  SDL_Texture* texture = nullptr;
  int width = 0, height = 0;
};

int key_code(const std::string& name) { return SDL_GetKeyFromName(name.c_str()); }

Window::Window(const std::string& title, int width, int height) : impl_(std::make_unique<Impl>()) {
  impl_->width = width;
  impl_->height = height;
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    const char* display = SDL_getenv("DISPLAY");
    throw std::runtime_error(std::string("cannot open a window (") + SDL_GetError() +
                             "); DISPLAY=" + (display ? display : "(unset)") +
                             ": run it on a desktop, or under Xvfb (xvfb-run atari-gym ...)");
  }
  // With no display SDL falls back to its offscreen driver: a window nobody
  // sees. Only when asked for (SDL_VIDEODRIVER=offscreen) is that what the user wants.
  const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
  if ((driver == "offscreen" || driver == "dummy") && !SDL_getenv("SDL_VIDEODRIVER")) {
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    const char* display = SDL_getenv("DISPLAY");
    throw std::runtime_error(std::string("cannot open a window: no display (DISPLAY=") +
                             (display && *display ? display : "(unset)") +
                             "); run it on a desktop, or under Xvfb (xvfb-run atari-gym ...)");
  }
  impl_->window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   width, height, SDL_WINDOW_SHOWN);
  if (!impl_->window) {
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    sdl_fail("cannot open a window");
  }
  // The picture is composed at the window's size, so the renderer only
  // copies it: no scaling, no filtering, the same pixels on every driver.
  impl_->renderer = SDL_CreateRenderer(impl_->window, -1, 0);
  if (!impl_->renderer) sdl_fail("cannot create a renderer");
  impl_->texture = SDL_CreateTexture(impl_->renderer, SDL_PIXELFORMAT_RGB24,
                                     SDL_TEXTUREACCESS_STREAMING, width, height);
  if (!impl_->texture) sdl_fail("cannot create a texture");
}

Window::~Window() {
  if (impl_->texture) SDL_DestroyTexture(impl_->texture);
  if (impl_->renderer) SDL_DestroyRenderer(impl_->renderer);
  if (impl_->window) {
    SDL_DestroyWindow(impl_->window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
  }
}

void Window::show(const Image& img) {
  if (img.width != impl_->width || img.height != impl_->height)
    throw std::invalid_argument("image size differs from the window's");
  if (SDL_UpdateTexture(impl_->texture, nullptr, img.rgb.data(), img.width * 3) != 0)
    sdl_fail("cannot update the texture");
  SDL_RenderClear(impl_->renderer);
  SDL_RenderCopy(impl_->renderer, impl_->texture, nullptr, nullptr);
  SDL_RenderPresent(impl_->renderer);
}

Image Window::read_back() {
  // After a present the back buffer's content is undefined: draw it again and
  // read it before presenting.
  SDL_RenderClear(impl_->renderer);
  SDL_RenderCopy(impl_->renderer, impl_->texture, nullptr, nullptr);
  Image img(impl_->width, impl_->height);
  if (SDL_RenderReadPixels(impl_->renderer, nullptr, SDL_PIXELFORMAT_RGB24, img.rgb.data(),
                           img.width * 3) != 0)
    sdl_fail("cannot read the window back");
  SDL_RenderPresent(impl_->renderer);
  return img;
}

std::vector<WindowCommand> Window::poll() {
  std::vector<WindowCommand> commands;
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    if (e.type == SDL_QUIT) {
      commands.push_back(WindowCommand::kQuit);
      continue;
    }
    if (e.type != SDL_KEYDOWN && e.type != SDL_KEYUP) continue;
    const bool down = e.type == SDL_KEYDOWN;
    switch (e.key.keysym.sym) {
      case SDLK_UP: case SDLK_w: joystick_.up = down; break;
      case SDLK_DOWN: case SDLK_s: joystick_.down = down; break;
      case SDLK_LEFT: case SDLK_a: joystick_.left = down; break;
      case SDLK_RIGHT: case SDLK_d: joystick_.right = down; break;
      case SDLK_SPACE: case SDLK_z: case SDLK_LCTRL: joystick_.fire = down; break;
      default:
        // Commands act on the press, once (not on the keyboard's auto-repeat).
        if (!down || e.key.repeat) break;
        switch (e.key.keysym.sym) {
          case SDLK_ESCAPE: case SDLK_q: commands.push_back(WindowCommand::kQuit); break;
          case SDLK_p: commands.push_back(WindowCommand::kPause); break;
          case SDLK_r: commands.push_back(WindowCommand::kReset); break;
          case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS:
            commands.push_back(WindowCommand::kFaster); break;
          case SDLK_MINUS: case SDLK_KP_MINUS: commands.push_back(WindowCommand::kSlower); break;
          case SDLK_F12: commands.push_back(WindowCommand::kScreenshot); break;
          default: break;
        }
    }
  }
  return commands;
}

void Window::push_key(const std::string& key, bool down) {
  const SDL_Keycode code = SDL_GetKeyFromName(key.c_str());
  if (code == SDLK_UNKNOWN) throw std::invalid_argument("unknown key '" + key + "'");
  SDL_Event e{};
  e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
  e.key.windowID = SDL_GetWindowID(impl_->window);
  e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
  e.key.keysym.sym = code;
  e.key.keysym.scancode = SDL_GetScancodeFromKey(code);
  if (SDL_PushEvent(&e) < 0) sdl_fail("cannot queue a key event");
}

std::string Window::renderer_name() const {
  SDL_RendererInfo info;
  return SDL_GetRendererInfo(impl_->renderer, &info) == 0 ? info.name : "unknown";
}

}  // namespace ag::media
