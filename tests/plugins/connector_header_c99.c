/* Compiled as strict C99 into plugin_test: proves cxhub/connector.h is a plain C header, and
 * lets the C++ test compare the struct layout C sees with the one C++ sees. */
#include "cxhub/connector.h"

size_t cxhub_test_c_table_size(void) { return sizeof(cxhub_connector_v1); }
size_t cxhub_test_c_host_size(void) { return sizeof(cxhub_connector_host_v1); }
size_t cxhub_test_c_read_offset(void) { return offsetof(cxhub_connector_v1, read); }
