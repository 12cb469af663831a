// A probe of the rooms test (tests/rooms/CMakeLists.txt): code outside server/storage that
// includes one of its headers.
#include "server/storage/sql_store.h"
