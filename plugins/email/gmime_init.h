// GMime's process-wide initialisation, done once.
#ifndef CXHUB_PLUGINS_EMAIL_GMIME_INIT_H_
#define CXHUB_PLUGINS_EMAIL_GMIME_INIT_H_

namespace cxhub::email {

// Calls g_mime_init() the first time it is called in this copy of the library; later calls do
// nothing. Thread-safe. g_mime_shutdown() is never called: a plugin may be unloaded while other
// code in the host process (another plugin) still uses GMime, so the library stays initialised
// for the life of the process.
void EnsureGMimeInitialized();

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_GMIME_INIT_H_
