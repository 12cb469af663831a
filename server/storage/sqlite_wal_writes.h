// Gathers the frames a commit appends to an SQLite write-ahead log into one write.
//
// SQLite writes each frame of the log as two write() calls, its 24-byte header and then its page,
// and a frame of 4 KiB pages straddles two pages of the kernel's page cache. A commit of a group
// of single RecordInteraction calls writes about 35 frames, so about 70 calls, and those calls
// were a quarter of the group-commit thread's time (perf, cxload --mix=record:1): mostly the
// kernel's work per call and per page touched, not the copying.
//
// A VFS over SQLite's own wraps each log file so that writes which append to the log
// gather in a buffer, which goes to the file in one write:
//   - when a commit frame's page joins it (the frame header's database size is non-zero only for
//     the last frame of a transaction), inside that write call, so a failure fails the commit and
//     every frame of a commit is in the file before SQLite publishes it to readers;
//   - before any other use of the file: a write elsewhere in it (SQLite rewrites frames in
//     place), a read, a sync, a truncation, its size, a file control, closing it;
//   - when it holds kGatheredWalBytes.
// Nothing is ever held across a commit, so readers, checkpoints and crash recovery see the file
// as SQLite left it; a crash can lose only frames of a transaction that had not committed.
// The same VFS wraps database files so that readers keep their mapping across commits
// (sqlite_kept_mapping.h); anything else is the inner VFS's file, unwrapped.
//
// The inner VFS is SQLite's "unix-excl": a database belongs to the one process that opened it
// (its connections share it among themselves as before, their locks kept in memory), and any
// other process, a second cxhubd or the sqlite3 shell, finds it locked until that process has
// closed it.
#ifndef CXHUB_SERVER_STORAGE_SQLITE_WAL_WRITES_H_
#define CXHUB_SERVER_STORAGE_SQLITE_WAL_WRITES_H_

#include <cstdint>

namespace cxhub {

// The most a log file holds back: a larger commit goes to the file in pieces of this size. The
// unix VFSs write at most 128 KiB - 1 bytes per call (SQLite itself never writes more than a
// page and its header) and report a longer write as a full disk.
inline constexpr int64_t kGatheredWalBytes = 120 * 1024;

// Installs the VFS (both wrappers) as SQLite's default, once per process; false when it could
// not (the default VFS stays). The SQLite driver calls it before its first open.
bool InstallSqliteFileWrappers();

// write() calls the wrapped log files made since the process started: for tests, which check
// that a commit's frames reach the file in one.
int64_t SqliteWalFileWrites();

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_WAL_WRITES_H_
