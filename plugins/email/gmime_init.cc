#include "plugins/email/gmime_init.h"

#include <gmime/gmime.h>

#include <mutex>

namespace cxhub::email {

void EnsureGMimeInitialized() {
  // g_mime_init is not re-entrant, so once per process. GLib keeps GMime's registered types
  // after a dlclose, so a reloaded GMime could not register them again: the plugin is linked
  // with -z nodelete (NODELETE in plugins/email/CMakeLists.txt) and never leaves the process.
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace cxhub::email
