// A library with a little thread_local storage, loaded with dlopen by dlopened_tls_exit_probe:
// every thread that touches it gets its own block of the library's TLS from glibc's malloc.
namespace {
thread_local char block[8];
}  // namespace

// The calling thread's block, touched so that it exists.
extern "C" char* TouchThreadLocalBlock() {
  block[0] = 1;
  return block;
}
