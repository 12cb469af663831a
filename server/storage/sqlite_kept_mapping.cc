#include "server/storage/sqlite_kept_mapping.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>

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

constexpr size_t InnerOffset() {
  constexpr size_t kAlign = alignof(std::max_align_t);
  return (sizeof(DatabaseFile) + kAlign - 1) / kAlign * kAlign;
}

DatabaseFile& Database(sqlite3_file* file) { return *reinterpret_cast<DatabaseFile*>(file); }
sqlite3_file* Inner(sqlite3_file* file) { return Database(file).inner; }
const sqlite3_io_methods& InnerMethods(sqlite3_file* file) { return *Inner(file)->pMethods; }

// Whether a mapping made when the file had `mapped` bytes still serves a file of `now` bytes.
bool MappingServes(sqlite3_int64 mapped, sqlite3_int64 now) {
  const sqlite3_int64 slack =
      std::max<sqlite3_int64>(mapped / kMappingGrowthDivisor, kMinMappingGrowth);
  return now >= mapped && now - mapped <= slack;
}

int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
  DatabaseFile& database = Database(file);
  const int rc = InnerMethods(file).xFetch(Inner(file), offset, amount, page);
  if (rc == SQLITE_OK && *page != nullptr && database.mapped_size == 0) {
    sqlite3_int64 size = 0;
    // Read after the mapping was made: at least what it maps.
    if (InnerMethods(file).xFileSize(Inner(file), &size) == SQLITE_OK) database.mapped_size = size;
  }
  return rc;
}

int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  DatabaseFile& database = Database(file);
  if (page == nullptr && database.mapped_size > 0) {
    sqlite3_int64 size = 0;
    if (InnerMethods(file).xFileSize(Inner(file), &size) == SQLITE_OK &&
        MappingServes(database.mapped_size, size)) {
      mappings_kept.fetch_add(1, std::memory_order_relaxed);
      return SQLITE_OK;
    }
  }
  if (page == nullptr) {
    mappings_released.fetch_add(1, std::memory_order_relaxed);
    database.mapped_size = 0;
  }
  return InnerMethods(file).xUnfetch(Inner(file), offset, page);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  // A new mapping limit remaps the file at once: its size is no longer known here.
  if (op == SQLITE_FCNTL_MMAP_SIZE) Database(file).mapped_size = 0;
  return InnerMethods(file).xFileControl(Inner(file), op, arg);
}

// Everything else is the inner file's.
int Close(sqlite3_file* file) { return InnerMethods(file).xClose(Inner(file)); }
int Read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  return InnerMethods(file).xRead(Inner(file), data, amount, offset);
}
int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  return InnerMethods(file).xWrite(Inner(file), data, amount, offset);
}
int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  return InnerMethods(file).xTruncate(Inner(file), size);
}
int Sync(sqlite3_file* file, int flags) { return InnerMethods(file).xSync(Inner(file), flags); }
int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  return InnerMethods(file).xFileSize(Inner(file), size);
}
int Lock(sqlite3_file* file, int level) { return InnerMethods(file).xLock(Inner(file), level); }
int Unlock(sqlite3_file* file, int level) { return InnerMethods(file).xUnlock(Inner(file), level); }
int CheckReservedLock(sqlite3_file* file, int* out) {
  return InnerMethods(file).xCheckReservedLock(Inner(file), out);
}
int SectorSize(sqlite3_file* file) { return InnerMethods(file).xSectorSize(Inner(file)); }
int DeviceCharacteristics(sqlite3_file* file) {
  return InnerMethods(file).xDeviceCharacteristics(Inner(file));
}
int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return InnerMethods(file).xShmMap(Inner(file), region, size, extend, out);
}
int ShmLock(sqlite3_file* file, int offset, int count, int flags) {
  return InnerMethods(file).xShmLock(Inner(file), offset, count, flags);
}
void ShmBarrier(sqlite3_file* file) { InnerMethods(file).xShmBarrier(Inner(file)); }
int ShmUnmap(sqlite3_file* file, int delete_flag) {
  return InnerMethods(file).xShmUnmap(Inner(file), delete_flag);
}

const sqlite3_io_methods& DatabaseMethods() {
  static const sqlite3_io_methods methods = [] {
    sqlite3_io_methods m{};
    m.iVersion = 3;
    m.xClose = Close;
    m.xRead = Read;
    m.xWrite = Write;
    m.xTruncate = Truncate;
    m.xSync = Sync;
    m.xFileSize = FileSize;
    m.xLock = Lock;
    m.xUnlock = Unlock;
    m.xCheckReservedLock = CheckReservedLock;
    m.xFileControl = FileControl;
    m.xSectorSize = SectorSize;
    m.xDeviceCharacteristics = DeviceCharacteristics;
    m.xShmMap = ShmMap;
    m.xShmLock = ShmLock;
    m.xShmBarrier = ShmBarrier;
    m.xShmUnmap = ShmUnmap;
    m.xFetch = Fetch;
    m.xUnfetch = Unfetch;
    return m;
  }();
  return methods;
}

}  // namespace

size_t KeptMappingFileBytes() { return InnerOffset(); }

int OpenDatabaseFileKeepingMapping(sqlite3_vfs* inner_vfs, const char* name, sqlite3_file* file,
                                   int flags, int* out_flags) {
  // SQLite's memory for the file becomes ours; SQLite reads it only through base.pMethods.
  DatabaseFile& database = *new (file) DatabaseFile{};
  database.inner = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + InnerOffset());
  database.inner->pMethods = nullptr;
  const int rc = inner_vfs->xOpen(inner_vfs, name, database.inner, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (database.inner->pMethods != nullptr) database.inner->pMethods->xClose(database.inner);
    return rc;
  }
  // The wrapper's methods are version 3. An inner file of an older version has no mapping to
  // keep: it is opened again in place of the wrapper, as it is.
  if (database.inner->pMethods->iVersion < 3) {
    database.inner->pMethods->xClose(database.inner);
    return inner_vfs->xOpen(inner_vfs, name, file, flags, out_flags);
  }
  database.base.pMethods = &DatabaseMethods();
  return SQLITE_OK;
}

int64_t SqliteMappingsReleased() { return mappings_released.load(std::memory_order_relaxed); }
int64_t SqliteMappingsKept() { return mappings_kept.load(std::memory_order_relaxed); }

}  // namespace cxhub
