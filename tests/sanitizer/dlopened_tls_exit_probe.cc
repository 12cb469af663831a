// Exits while threads that touched a dlopened library's thread_local storage are still running,
// as the e2e programs do with the channel plugins' libraries, so that LeakSanitizer's check at
// exit scans those threads' dynamic TLS blocks.
//
// Why: the __tls_get_addr interceptor of GCC 12's sanitizer runtime takes a dynamic TLS block
// that starts 16 bytes past a page boundary for one behind a pre-2.25 glibc header, and
// LeakSanitizer's tracer then reads a range that does not exist and dies ("Tracer caught signal
// 11", google/sanitizers#1322), failing a test that had passed. Here ASan's allocator puts every
// 8-byte block at that offset, so the crash is certain unless the interceptor is off
// (ASAN_OPTIONS=intercept_tls_get_addr=0, which scripts/test sets): the process then ends 0.
//
//   dlopened_tls_exit_probe LIBRARY
#include <dlfcn.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <thread>

namespace {

constexpr int kThreads = 64;
constexpr uintptr_t kPage = 4096;
constexpr uintptr_t kOldGlibcHeader = 16;  // The offset the interceptor misreads.

std::atomic<int> touched{0};
std::atomic<int> at_misread_offset{0};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s LIBRARY\n", argv[0]);
    return 2;
  }
  void* library = dlopen(argv[1], RTLD_NOW);
  if (library == nullptr) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  using Touch = char* (*)();
  auto touch = reinterpret_cast<Touch>(dlsym(library, "TouchThreadLocalBlock"));
  if (touch == nullptr) {
    std::fprintf(stderr, "dlsym: %s\n", dlerror());
    return 1;
  }
  for (int i = 0; i < kThreads; ++i) {
    // Detached and still asleep at exit: LeakSanitizer scans a live thread's TLS.
    std::thread([touch] {
      if (reinterpret_cast<uintptr_t>(touch()) % kPage == kOldGlibcHeader) ++at_misread_offset;
      ++touched;
      std::this_thread::sleep_for(std::chrono::hours(1));
    }).detach();
  }
  while (touched.load() < kThreads) std::this_thread::yield();
  std::printf("%d of %d threads' blocks start %d bytes past a page\n", at_misread_offset.load(),
              kThreads, static_cast<int>(kOldGlibcHeader));
  // Without such a block the probe tests nothing: say so rather than pass.
  return at_misread_offset.load() > 0 ? 0 : 3;
}
