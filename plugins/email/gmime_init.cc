#include "plugins/email/gmime_init.h"

#include <gmime/gmime.h>

#include <mutex>

namespace cxhub::email {

void EnsureGMimeInitialized() {
  // g_mime_init is not re-entrant; it counts its calls, so a second copy of this library (loaded
  // again after dlclose) calling it once more is harmless.
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace cxhub::email
