// What the store's SQLite file wrappers share (sqlite_wal_writes.h wraps log files,
// sqlite_kept_mapping.h database files). SQLite's memory for a wrapped file holds the wrapper's
// state, a plain struct `State` whose first members are `sqlite3_file base` (what SQLite calls
// through: the wrapper's methods) and `sqlite3_file* inner`, and after it the inner VFS's own
// file, which the wrapper calls on. Header-only.
#ifndef CXHUB_SERVER_STORAGE_SQLITE_FILE_WRAPPER_H_
#define CXHUB_SERVER_STORAGE_SQLITE_FILE_WRAPPER_H_

#include <sqlite3.h>

#include <cstddef>
#include <new>

namespace cxhub::sqlite_file {

// Bytes of SQLite's memory for a file before the inner file, after a wrapper's `State`.
template <typename State>
constexpr size_t InnerOffset() {
  constexpr size_t kAlign = alignof(std::max_align_t);
  return (sizeof(State) + kAlign - 1) / kAlign * kAlign;
}

template <typename State>
State& StateOf(sqlite3_file* file) {
  return *reinterpret_cast<State*>(file);
}

// Constructs a `State` in SQLite's memory for the file and opens `name` through `inner_vfs`
// behind it, giving the file `methods` (SQLite's xOpen contract: on failure the file is closed
// again). An inner file whose methods are older than `methods` cannot forward them: it is
// opened again in place of the wrapper, unwrapped.
template <typename State>
int Open(sqlite3_vfs* inner_vfs, const char* name, sqlite3_file* file, int flags, int* out_flags,
         const sqlite3_io_methods& methods) {
  State& state = *new (file) State{};
  state.inner =
      reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + InnerOffset<State>());
  state.inner->pMethods = nullptr;
  const int rc = inner_vfs->xOpen(inner_vfs, name, state.inner, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (state.inner->pMethods != nullptr) state.inner->pMethods->xClose(state.inner);
    return rc;
  }
  if (state.inner->pMethods->iVersion < methods.iVersion) {
    state.inner->pMethods->xClose(state.inner);
    return inner_vfs->xOpen(inner_vfs, name, file, flags, out_flags);
  }
  state.base.pMethods = &methods;
  return SQLITE_OK;
}

// Methods a wrapper passes on to the inner file unchanged.
template <typename State>
struct Forward {
  static sqlite3_file* Inner(sqlite3_file* file) { return StateOf<State>(file).inner; }

  static int Close(sqlite3_file* file) { return Inner(file)->pMethods->xClose(Inner(file)); }
  static int Read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
    return Inner(file)->pMethods->xRead(Inner(file), data, amount, offset);
  }
  static int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    return Inner(file)->pMethods->xWrite(Inner(file), data, amount, offset);
  }
  static int Truncate(sqlite3_file* file, sqlite3_int64 size) {
    return Inner(file)->pMethods->xTruncate(Inner(file), size);
  }
  static int Sync(sqlite3_file* file, int flags) {
    return Inner(file)->pMethods->xSync(Inner(file), flags);
  }
  static int FileSize(sqlite3_file* file, sqlite3_int64* size) {
    return Inner(file)->pMethods->xFileSize(Inner(file), size);
  }
  static int Lock(sqlite3_file* file, int level) {
    return Inner(file)->pMethods->xLock(Inner(file), level);
  }
  static int Unlock(sqlite3_file* file, int level) {
    return Inner(file)->pMethods->xUnlock(Inner(file), level);
  }
  static int CheckReservedLock(sqlite3_file* file, int* out) {
    return Inner(file)->pMethods->xCheckReservedLock(Inner(file), out);
  }
  static int FileControl(sqlite3_file* file, int op, void* arg) {
    return Inner(file)->pMethods->xFileControl(Inner(file), op, arg);
  }
  static int SectorSize(sqlite3_file* file) {
    return Inner(file)->pMethods->xSectorSize(Inner(file));
  }
  static int DeviceCharacteristics(sqlite3_file* file) {
    return Inner(file)->pMethods->xDeviceCharacteristics(Inner(file));
  }
  static int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    return Inner(file)->pMethods->xShmMap(Inner(file), region, size, extend, out);
  }
  static int ShmLock(sqlite3_file* file, int offset, int count, int flags) {
    return Inner(file)->pMethods->xShmLock(Inner(file), offset, count, flags);
  }
  static void ShmBarrier(sqlite3_file* file) { Inner(file)->pMethods->xShmBarrier(Inner(file)); }
  static int ShmUnmap(sqlite3_file* file, int delete_flag) {
    return Inner(file)->pMethods->xShmUnmap(Inner(file), delete_flag);
  }
  static int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
    return Inner(file)->pMethods->xFetch(Inner(file), offset, amount, page);
  }
  static int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    return Inner(file)->pMethods->xUnfetch(Inner(file), offset, page);
  }

  // Every method forwarded, at `version` (1: no shared memory nor mapping; 3: both): what a
  // wrapper starts from and replaces the methods it changes in.
  static sqlite3_io_methods Methods(int version) {
    sqlite3_io_methods m{};
    m.iVersion = version;
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
    if (version >= 2) {
      m.xShmMap = ShmMap;
      m.xShmLock = ShmLock;
      m.xShmBarrier = ShmBarrier;
      m.xShmUnmap = ShmUnmap;
    }
    if (version >= 3) {
      m.xFetch = Fetch;
      m.xUnfetch = Unfetch;
    }
    return m;
  }
};

}  // namespace cxhub::sqlite_file

#endif  // CXHUB_SERVER_STORAGE_SQLITE_FILE_WRAPPER_H_
