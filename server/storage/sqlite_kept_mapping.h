// Keeps an SQLite reader's memory map of the database file across other connections' commits.
//
// A reader that maps the file (PRAGMA mmap_size) reads a page in place instead of copying it
// into its cache. But in WAL mode, whenever another connection has committed since its last
// read, SQLite's pager empties the reader's cache and also unmaps the whole file (xUnfetch with
// no page), to map it again at the next read; every page the reader then touches faults anew.
// Under a mix of reads and writes that is once per commit per reader: munmap() with its TLB
// shootdowns and the faults after it were a fifth of the CPU of cxload's default mix (perf), and
// the mix ran 25-35% faster with no mapping at all, though history reads at 10,000,000
// interactions need the mapping (sqlite_driver.cc).
//
// The mapping is MAP_SHARED, so what it shows is the file as it is now, and SQLite takes from it
// only pages its snapshot reads from the database file rather than the log, as with any
// read(). Unmapping guards against the file having shrunk under the mapping (a truncation after
// VACUUM), where a page would fault with SIGBUS, and lets a grown file be mapped whole. So a
// wrapper of the database file passes that unmapping on only when the file is smaller than when
// it was mapped, or has grown by more than kMappingGrowthSlack of it; otherwise the mapping
// stays, and the pages it holds stay mapped. Pages past a mapping are read with read(), as
// SQLite does. Connections that never map (the writer) are unaffected.
#ifndef CXHUB_SERVER_STORAGE_SQLITE_KEPT_MAPPING_H_
#define CXHUB_SERVER_STORAGE_SQLITE_KEPT_MAPPING_H_

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>

namespace cxhub {

// A mapping is made again once the file outgrows it by this share of its size (and at least
// kMinMappingGrowth bytes): new rows past it are read with read() until then.
inline constexpr int64_t kMappingGrowthDivisor = 16;
inline constexpr int64_t kMinMappingGrowth = int64_t{4} << 20;

// Bytes a wrapped database file needs ahead of `inner_vfs`'s file in SQLite's memory for it.
size_t KeptMappingFileBytes();

// Opens the database file `name` through `inner_vfs` into `file`, wrapped (SQLite's xOpen
// contract). `file` must have KeptMappingFileBytes() + inner_vfs->szOsFile bytes.
int OpenDatabaseFileKeepingMapping(sqlite3_vfs* inner_vfs, const char* name, sqlite3_file* file,
                                   int flags, int* out_flags);

// Requests to unmap a whole database file that were passed on (the file was unmapped), and
// that were not (the mapping was kept), since the process started: for tests.
int64_t SqliteMappingsReleased();
int64_t SqliteMappingsKept();

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_SQLITE_KEPT_MAPPING_H_
