// Ownership of GObject references and GLib allocations in C++ scopes.
#ifndef CXHUB_PLUGINS_EMAIL_GOBJECT_PTR_H_
#define CXHUB_PLUGINS_EMAIL_GOBJECT_PTR_H_

#include <glib-object.h>

#include <memory>

namespace cxhub::email {

// Owns one GObject reference.
struct GObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

// Owns memory from g_malloc (strings GLib and GMime hand over).
struct GFreeDeleter {
  void operator()(gpointer memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFreeDeleter>;

}  // namespace cxhub::email

#endif  // CXHUB_PLUGINS_EMAIL_GOBJECT_PTR_H_
