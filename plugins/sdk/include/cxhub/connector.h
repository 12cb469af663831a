/*
 * cxhub connector ABI, version 1.1: the whole contract between cxhubd (the host) and a
 * connector plugin (a shared library). Plain C99, so a plugin can be written in any language that
 * can export a C function. C++ authors can use cxhub/connector_sdk.h instead of this header.
 *
 * Reading order: the entry symbol, the function table, the host callbacks, then the rules.
 *
 * OWNERSHIP, stated once and used everywhere below:
 *   - A pointer is owned by the side that allocated it. Neither side ever frees, reallocates or
 *     writes through a pointer the other side owns, and no allocator, C++ type or exception crosses
 *     the boundary.
 *   - "Borrowed for the call" means: valid from the moment the function is entered until it
 *     returns. The receiver copies what it wants to keep.
 *   - Byte ranges are (pointer, length) pairs and are NOT NUL-terminated; text fields documented as
 *     "NUL-terminated" are UTF-8.
 *
 * THREADING:
 *   - The entry function may be called from any thread, any number of times.
 *   - open and close may be called from any thread. Different instances may be used concurrently
 *     from different threads, so a plugin keeps its state in the instance, not in globals.
 *   - At most one call (open, read or close) runs on a given instance at a time; the host
 *     serializes them. close is never called while read is running on that instance.
 *   - Host callbacks may be called only from inside read (and log also inside open), on the thread
 *     that made that call, before it returns. Never from another thread, never after returning.
 *
 * VERSIONING:
 *   - The table starts with its own size and the ABI version the plugin was built against.
 *   - The host refuses a plugin whose major version differs from its own, or whose minor version
 *     is newer than its own, with a message naming the file and both versions.
 *   - New fields are only ever appended to the structs (and the minor version bumped), so an
 *     older plugin keeps working on a newer host: the host reads only the first `size` bytes of the
 *     table and treats fields beyond them as absent. Likewise a plugin must read only the first
 *     `size` bytes of the host callback table.
 */
#ifndef CXHUB_CONNECTOR_H_
#define CXHUB_CONNECTOR_H_

#include <stddef.h>
#include <stdint.h>

#include "cxhub/connector_limits.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CXHUB_CONNECTOR_ABI_MAJOR 1
#define CXHUB_CONNECTOR_ABI_MINOR 1

/* The one symbol a plugin exports (see cxhub_connector_entry_fn). */
#define CXHUB_CONNECTOR_ENTRY_SYMBOL "cxhub_connector_v1_entry"

/*
 * Result codes of open and read. The numbers are those of google.rpc.Code (and absl::StatusCode),
 * so the host maps them one to one. Any other non-zero value is treated as INTERNAL.
 */
typedef enum cxhub_connector_status {
  CXHUB_CONNECTOR_OK = 0,
  /* read stopped early because a host callback asked it to (see "callback return values"). */
  CXHUB_CONNECTOR_CANCELLED = 1,
  /* The configuration (open) or the cursor (read) is malformed. Retrying will not help. */
  CXHUB_CONNECTOR_INVALID_ARGUMENT = 3,
  /* Something the configuration names does not exist (a file, a folder). */
  CXHUB_CONNECTOR_NOT_FOUND = 5,
  /* Not allowed to read the source. */
  CXHUB_CONNECTOR_PERMISSION_DENIED = 7,
  /* The source is in a state the plugin cannot read from. */
  CXHUB_CONNECTOR_FAILED_PRECONDITION = 9,
  /* The plugin does not offer this function (ABI 1.1: reparse). */
  CXHUB_CONNECTOR_UNIMPLEMENTED = 12,
  /* A bug or an unexpected condition (the C++ helper reports caught exceptions as this). */
  CXHUB_CONNECTOR_INTERNAL = 13,
  /* The source is temporarily unreachable; the host retries later with backoff. */
  CXHUB_CONNECTOR_UNAVAILABLE = 14
} cxhub_connector_status;

typedef enum cxhub_connector_log_level {
  CXHUB_CONNECTOR_LOG_DEBUG = 0,
  CXHUB_CONNECTOR_LOG_INFO = 1,
  CXHUB_CONNECTOR_LOG_WARNING = 2,
  CXHUB_CONNECTOR_LOG_ERROR = 3
} cxhub_connector_log_level;

/*
 * Error messages. open and read take an error buffer OWNED BY THE HOST, borrowed for the call:
 * `error` points to `error_size` writable bytes (error_size >= 1; the host passes at least 1024).
 * On failure the plugin writes a human-readable UTF-8 message there, truncated to fit and always
 * NUL-terminated. On success the plugin leaves the buffer alone. The host never frees anything the
 * plugin allocated, so there is no free_error function.
 */

/* ------------------------------------------------------------------------------------------ */
/* Host callbacks: implemented by the host, called by the plugin.                             */
/* ------------------------------------------------------------------------------------------ */

/*
 * Callback return values: 0 means "go on". Non-zero means "stop reading now" (the host is shutting
 * down, the instance was paused, or the host failed to take the data). After any non-zero return
 * the plugin must make no further callback (log included) and return from read as soon as it can,
 * with CXHUB_CONNECTOR_CANCELLED. The data passed in the call that returned non-zero may or may
 * not have been taken; the cursor rule below makes that harmless.
 */

typedef struct cxhub_connector_host_v1 {
  /* sizeof(cxhub_connector_host_v1) as the host was built; read only the first `size` bytes. */
  uint32_t size;
  uint32_t reserved; /* zero */

  /* Opaque, owned by the host. Pass it back as the first argument of every callback. */
  void* host_ctx;

  /*
   * One record: a serialized cxhub.connector.v1.Record (protos/cxhub/connector/v1/record.proto).
   * `record` is owned by the plugin and borrowed for the call; the host copies it.
   */
  int (*emit_record)(void* host_ctx, const uint8_t* record, size_t record_len);

  /*
   * One piece of source data the plugin could not turn into a Record. It goes to the dead-letter
   * store with the reason, the connector name and the raw bytes, and ingestion goes on.
   * `reason` (NUL-terminated, e.g. "line 7: occur_time 'yesterday' is not RFC 3339") and `raw` are
   * owned by the plugin and borrowed for the call; the host copies them.
   */
  int (*emit_dead_letter)(void* host_ctx, const char* reason, const uint8_t* raw, size_t raw_len);

  /*
   * A consistent point: everything up to here has been emitted (as records or dead letters) and
   * `cursor` is where the next read must resume to emit only what follows. The host commits the
   * records and dead letters emitted since the previous checkpoint together with this cursor in one
   * store transaction. Records and dead letters emitted after the last checkpoint of a read are
   * DISCARDED by the host; the next read resumes from the last committed cursor and emits them
   * again. So: checkpoint whenever convenient (every N records) and always before read returns OK.
   * The host may commit a checkpoint while the plugin reads on, so a return of 1 means accepted,
   * not yet committed: never delete or acknowledge source data on it. A commit that fails makes
   * the next checkpoint return 0 (or the read fail, after its last), and the next read resumes
   * from the last committed cursor.
   * `cursor` is owned by the plugin and borrowed for the call; the host copies it. Its content is
   * the plugin's business (an offset, a file id and offset, a last-seen id); at most
   * CXHUB_LIMIT_CURSOR_BYTES (cxhub/connector_limits.h, with the host's other limits).
   */
  int (*checkpoint)(void* host_ctx, const uint8_t* cursor, size_t cursor_len);

  /*
   * A log line, attributed by the host to the connector instance. `message` is NUL-terminated,
   * owned by the plugin and borrowed for the call. Also allowed during open.
   */
  int (*log)(void* host_ctx, cxhub_connector_log_level level, const char* message);
} cxhub_connector_host_v1;

/* ------------------------------------------------------------------------------------------ */
/* Plugin functions: implemented by the plugin, called by the host.                           */
/* ------------------------------------------------------------------------------------------ */

/*
 * Creates an instance from its configuration (the connector's `options` string from the server
 * configuration, as bytes; its format is the plugin's business).
 *   config/config_len: owned by the host, borrowed for the call. May be empty (config_len 0).
 *   host: owned by the host, borrowed for the call; only host->log may be called during open.
 *   instance: on success the plugin stores its instance there. The instance is owned by the
 *     plugin; the host holds it until it passes it to close, exactly once.
 *   error/error_size: see "Error messages".
 * Returns CXHUB_CONNECTOR_OK, or an error code with a message; on error *instance is ignored and
 * close is not called. open should validate the configuration and check the source is reachable.
 */
typedef cxhub_connector_status (*cxhub_connector_open_fn)(const uint8_t* config, size_t config_len,
                                                          const cxhub_connector_host_v1* host,
                                                          void** instance, char* error,
                                                          size_t error_size);

/*
 * Reads what is new since `cursor`, emitting records, dead letters and checkpoints through `host`.
 *   instance: from open.
 *   cursor/cursor_len: owned by the host, borrowed for the call. Empty (cursor_len 0) means "from
 *     the beginning"; otherwise it is a cursor this plugin passed to checkpoint earlier (possibly
 *     in another process, after a restart).
 *   host: owned by the host, borrowed for the call; its callbacks may be called only during this
 *     call, on this thread.
 *   error/error_size: see "Error messages".
 * Returns CXHUB_CONNECTOR_OK when it has read everything available now (the host calls read again
 * at the next poll), CXHUB_CONNECTOR_CANCELLED when a callback asked it to stop, or an error code
 * with a message. A read that finds nothing new returns OK without callbacks.
 */
typedef cxhub_connector_status (*cxhub_connector_read_fn)(void* instance, const uint8_t* cursor,
                                                          size_t cursor_len,
                                                          const cxhub_connector_host_v1* host,
                                                          char* error, size_t error_size);

/* Releases everything the instance owns. Never fails; the instance is invalid afterwards. */
typedef void (*cxhub_connector_close_fn)(void* instance);

/*
 * ABI 1.1, optional. Parses `raw` again: bytes this plugin (maybe an older version of it) once
 * passed to emit_dead_letter, handed back when an operator retries that dead letter (after a
 * plugin upgrade that fixes the parser, for instance). The plugin emits what the bytes map to now,
 * through host->emit_record (records) or host->emit_dead_letter (still not readable, with the
 * reason); it must not call checkpoint. The same rules as read otherwise: instance from open, one
 * call at a time, callbacks only during the call on its thread, ownership as in read.
 *   raw/raw_len: owned by the host, borrowed for the call.
 * Returns CXHUB_CONNECTOR_OK once everything is emitted, or an error code with a message. The host
 * treats a NULL entry (and a 1.0 table, which lacks it) as "cannot re-parse": the retry answers
 * UNIMPLEMENTED naming the plugin.
 */
typedef cxhub_connector_status (*cxhub_connector_reparse_fn)(void* instance, const uint8_t* raw,
                                                             size_t raw_len,
                                                             const cxhub_connector_host_v1* host,
                                                             char* error, size_t error_size);

/*
 * The plugin's function table. It and every string it points to are owned by the plugin, are
 * constant, and stay valid until the host unloads the library (dlclose). Append-only.
 */
typedef struct cxhub_connector_v1 {
  /* sizeof(cxhub_connector_v1) as the plugin was built. */
  uint32_t size;
  /* CXHUB_CONNECTOR_ABI_MAJOR and _MINOR as the plugin was built. */
  uint16_t abi_major;
  uint16_t abi_minor;

  /* Plugin name, a lower-case slug, e.g. "maildir". NUL-terminated, non-empty. */
  const char* name;
  /* Channel slug(s) served, comma-separated without spaces, e.g. "email" or "chat,social". */
  const char* channels;
  /* Plugin version, e.g. "1.4.0". NUL-terminated, non-empty. */
  const char* version;

  cxhub_connector_open_fn open;
  cxhub_connector_read_fn read;
  cxhub_connector_close_fn close;
  /* ABI 1.1: may be NULL. */
  cxhub_connector_reparse_fn reparse;
  /* ABI 1.2 and later append fields here. */
} cxhub_connector_v1;

/*
 * The entry function, exported under the name CXHUB_CONNECTOR_ENTRY_SYMBOL. It returns the
 * plugin's table (owned by the plugin, see cxhub_connector_v1); it must not fail, allocate
 * per call, or have side effects, and it returns the same pointer every time.
 */
typedef const cxhub_connector_v1* (*cxhub_connector_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CXHUB_CONNECTOR_H_ */
