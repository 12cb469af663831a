#include "server/storage/sqlite_wal_writes.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "server/storage/sqlite_file_wrapper.h"
#include "server/storage/sqlite_kept_mapping.h"

namespace cxhub {
namespace {

// A frame of the log starts with a header of this size; bytes 4-7 hold the database's size in
// pages after the transaction for its last frame, and 0 for every other frame.
constexpr int kFrameHeaderBytes = 24;

// SQLite's "unix-excl" VFS where there is one (else the default): the first lock on a database
// file takes an exclusive lock on it for the whole process, and every later lock, of this
// process's connections among themselves, is kept in memory, as is the log's index (no -shm
// file). On "unix" every transaction took and released its locks with fcntl(), a tenth of a
// GetCustomer's CPU (cxload --mix=get:1: 0.62x-0.67x of the health check before, 0.74x-0.78x
// after). It also keeps a second cxhubd, or any other process, off a store this one has open.
sqlite3_vfs* inner_vfs = nullptr;
sqlite3_vfs gathering_vfs;
std::atomic<int64_t> log_file_writes{0};

// A log file as SQLite sees it (the methods below come first), the inner VFS's file behind it.
// Plain data: SQLite hands over raw memory of gathering_vfs.szOsFile bytes.
struct LogFile {
  sqlite3_file base;
  sqlite3_file* inner;
  char* pending;  // kGatheredWalBytes, allocated on the first gathered write.
  int64_t pending_bytes;
  sqlite3_int64 pending_offset;
  // A write at or past this offset appends to the log as this file wrote it; anything before it
  // rewrites a frame in place.
  sqlite3_int64 appends_from;
  // The last gathered write was the header of a transaction's last frame.
  bool commit_header;
};

using Forward = sqlite_file::Forward<LogFile>;

LogFile& Log(sqlite3_file* file) { return sqlite_file::StateOf<LogFile>(file); }

uint32_t BigEndian32(const unsigned char* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         uint32_t{bytes[3]};
}

int WriteThrough(LogFile& log, const void* data, int amount, sqlite3_int64 offset) {
  log_file_writes.fetch_add(1, std::memory_order_relaxed);
  return log.inner->pMethods->xWrite(log.inner, data, amount, offset);
}

// Writes what is held back. On failure it is dropped: it can only be frames of the transaction
// under way, which the failed write makes SQLite abandon.
int Flush(LogFile& log) {
  if (log.pending_bytes == 0) return SQLITE_OK;
  const int rc =
      WriteThrough(log, log.pending, static_cast<int>(log.pending_bytes), log.pending_offset);
  log.pending_bytes = 0;
  return rc;
}

// Holds `data` back (it appends to what is held, or starts it). False when it does not fit.
bool Gather(LogFile& log, const void* data, int amount, sqlite3_int64 offset) {
  if (log.pending == nullptr) {
    log.pending = static_cast<char*>(std::malloc(kGatheredWalBytes));
    if (log.pending == nullptr) return false;
  }
  if (log.pending_bytes + amount > kGatheredWalBytes) return false;
  if (log.pending_bytes == 0) log.pending_offset = offset;
  std::memcpy(log.pending + log.pending_bytes, data, amount);
  log.pending_bytes += amount;
  return true;
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  LogFile& log = Log(file);
  // The log's own header, at its start, begins it again.
  if (offset == 0) log.appends_from = 0;
  const bool follows = log.pending_bytes > 0 ? offset == log.pending_offset + log.pending_bytes
                                             : offset >= log.appends_from;
  log.appends_from = std::max(log.appends_from, offset + amount);
  if (!follows || amount > kGatheredWalBytes) {
    if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
    return WriteThrough(log, data, amount, offset);
  }
  if (!Gather(log, data, amount, offset)) {
    if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
    if (!Gather(log, data, amount, offset)) return WriteThrough(log, data, amount, offset);
  }
  if (amount == kFrameHeaderBytes) {
    log.commit_header = BigEndian32(static_cast<const unsigned char*>(data) + 4) != 0;
    return SQLITE_OK;
  }
  // A page completes its frame; after the header of a transaction's last frame, the commit.
  const bool commit = log.commit_header;
  log.commit_header = false;
  return commit ? Flush(log) : SQLITE_OK;
}

// The other methods flush first, then pass the call on.

int Close(sqlite3_file* file) {
  LogFile& log = Log(file);
  const int flushed = Flush(log);
  const int closed = Forward::Close(file);
  std::free(log.pending);
  log.pending = nullptr;
  return flushed != SQLITE_OK ? flushed : closed;
}

int Read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  LogFile& log = Log(file);
  if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
  return Forward::Read(file, data, amount, offset);
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  LogFile& log = Log(file);
  if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
  log.appends_from = std::min(log.appends_from, size);
  return Forward::Truncate(file, size);
}

int Sync(sqlite3_file* file, int flags) {
  LogFile& log = Log(file);
  if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
  return Forward::Sync(file, flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  LogFile& log = Log(file);
  if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
  return Forward::FileSize(file, size);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  LogFile& log = Log(file);
  if (const int rc = Flush(log); rc != SQLITE_OK) return rc;
  return Forward::FileControl(file, op, arg);
}

// A log file is never shared-memory mapped nor memory mapped (SQLite does both on the database
// file), so version 1 of the methods is all it needs.
const sqlite3_io_methods& LogMethods() {
  static const sqlite3_io_methods methods = [] {
    sqlite3_io_methods m = Forward::Methods(1);  // Locks and device queries go as they are.
    m.xClose = Close;
    m.xRead = Read;
    m.xWrite = Write;
    m.xTruncate = Truncate;
    m.xSync = Sync;
    m.xFileSize = FileSize;
    m.xFileControl = FileControl;
    return m;
  }();
  return methods;
}

int Open(sqlite3_vfs* /*vfs*/, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
    return OpenDatabaseFileKeepingMapping(inner_vfs, name, file, flags, out_flags);
  }
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    // Anything else but a log is the inner VFS's file, in place: nothing in between.
    return inner_vfs->xOpen(inner_vfs, name, file, flags, out_flags);
  }
  return sqlite_file::Open<LogFile>(inner_vfs, name, file, flags, out_flags, LogMethods());
}

// The VFS's other methods are the inner VFS's.
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return inner_vfs->xDelete(inner_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return inner_vfs->xAccess(inner_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return inner_vfs->xFullPathname(inner_vfs, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return inner_vfs->xDlOpen(inner_vfs, name); }
void DlError(sqlite3_vfs*, int size, char* out) { inner_vfs->xDlError(inner_vfs, size, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return inner_vfs->xDlSym(inner_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { inner_vfs->xDlClose(inner_vfs, handle); }
int Randomness(sqlite3_vfs*, int size, char* out) {
  return inner_vfs->xRandomness(inner_vfs, size, out);
}
int Sleep(sqlite3_vfs*, int microseconds) { return inner_vfs->xSleep(inner_vfs, microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return inner_vfs->xCurrentTime(inner_vfs, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return inner_vfs->xGetLastError(inner_vfs, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return inner_vfs->xCurrentTimeInt64(inner_vfs, out);
}

bool Install() {
  inner_vfs = sqlite3_vfs_find("unix-excl");
  if (inner_vfs == nullptr) inner_vfs = sqlite3_vfs_find(nullptr);
  if (inner_vfs == nullptr || inner_vfs->iVersion < 2) return false;
  gathering_vfs = sqlite3_vfs{};
  gathering_vfs.iVersion = 2;
  gathering_vfs.szOsFile =
      static_cast<int>(std::max(sqlite_file::InnerOffset<LogFile>(), KeptMappingFileBytes())) +
      inner_vfs->szOsFile;
  gathering_vfs.mxPathname = inner_vfs->mxPathname;
  gathering_vfs.zName = "cxhub-gathered-wal";
  gathering_vfs.xOpen = Open;
  gathering_vfs.xDelete = Delete;
  gathering_vfs.xAccess = Access;
  gathering_vfs.xFullPathname = FullPathname;
  gathering_vfs.xDlOpen = DlOpen;
  gathering_vfs.xDlError = DlError;
  gathering_vfs.xDlSym = DlSym;
  gathering_vfs.xDlClose = DlClose;
  gathering_vfs.xRandomness = Randomness;
  gathering_vfs.xSleep = Sleep;
  gathering_vfs.xCurrentTime = CurrentTime;
  gathering_vfs.xGetLastError = GetLastError;
  gathering_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  return sqlite3_vfs_register(&gathering_vfs, /*makeDflt=*/1) == SQLITE_OK;
}

}  // namespace

bool InstallSqliteFileWrappers() {
  static const bool installed = Install();  // Once per process, thread-safe.
  return installed;
}

int64_t SqliteWalFileWrites() { return log_file_writes.load(std::memory_order_relaxed); }

}  // namespace cxhub
