#include "server/storage/sqlite_kept_mapping.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "server/storage/sqlite_file_wrapper.h"

namespace cxhub {
namespace {

std::atomic<int64_t> mappings_released{0};
std::atomic<int64_t> mappings_kept{0};

// A database file as SQLite sees it (the methods below come first), the inner VFS's file behind
// it. Plain data: SQLite hands over raw memory.
struct DatabaseFile {
  sqlite3_file base;
  sqlite3_file* inner;
  // The file's size when the inner file mapped it (at least what it mapped); 0 while it has no
  // mapping known to this wrapper.
  sqlite3_int64 mapped_size;
};

using Forward = sqlite_file::Forward<DatabaseFile>;

DatabaseFile& Database(sqlite3_file* file) { return sqlite_file::StateOf<DatabaseFile>(file); }

// Whether a mapping made when the file had `mapped` bytes still serves a file of `now` bytes.
bool MappingServes(sqlite3_int64 mapped, sqlite3_int64 now) {
  const sqlite3_int64 slack =
      std::max<sqlite3_int64>(mapped / kMappingGrowthDivisor, kMinMappingGrowth);
  return now >= mapped && now - mapped <= slack;
}

int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
  DatabaseFile& database = Database(file);
  const int rc = Forward::Fetch(file, offset, amount, page);
  if (rc == SQLITE_OK && *page != nullptr && database.mapped_size == 0) {
    sqlite3_int64 size = 0;
    // Read after the mapping was made: at least what it maps.
    if (Forward::FileSize(file, &size) == SQLITE_OK) database.mapped_size = size;
  }
  return rc;
}

int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  DatabaseFile& database = Database(file);
  if (page == nullptr && database.mapped_size > 0) {
    sqlite3_int64 size = 0;
    if (Forward::FileSize(file, &size) == SQLITE_OK && MappingServes(database.mapped_size, size)) {
      mappings_kept.fetch_add(1, std::memory_order_relaxed);
      return SQLITE_OK;
    }
  }
  if (page == nullptr) {
    mappings_released.fetch_add(1, std::memory_order_relaxed);
    database.mapped_size = 0;
  }
  return Forward::Unfetch(file, offset, page);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  // A new mapping limit remaps the file at once: its size is no longer known here.
  if (op == SQLITE_FCNTL_MMAP_SIZE) Database(file).mapped_size = 0;
  return Forward::FileControl(file, op, arg);
}

// Every other method is the inner file's.
const sqlite3_io_methods& DatabaseMethods() {
  static const sqlite3_io_methods methods = [] {
    sqlite3_io_methods m = Forward::Methods(3);
    m.xFileControl = FileControl;
    m.xFetch = Fetch;
    m.xUnfetch = Unfetch;
    return m;
  }();
  return methods;
}

}  // namespace

size_t KeptMappingFileBytes() { return sqlite_file::InnerOffset<DatabaseFile>(); }

int OpenDatabaseFileKeepingMapping(sqlite3_vfs* inner_vfs, const char* name, sqlite3_file* file,
                                   int flags, int* out_flags) {
  // An inner file without mapping methods (older than version 3) is left unwrapped.
  return sqlite_file::Open<DatabaseFile>(inner_vfs, name, file, flags, out_flags,
                                         DatabaseMethods());
}

int64_t SqliteMappingsReleased() { return mappings_released.load(std::memory_order_relaxed); }
int64_t SqliteMappingsKept() { return mappings_kept.load(std::memory_order_relaxed); }

}  // namespace cxhub
