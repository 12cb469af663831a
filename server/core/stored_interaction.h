// The row a store reads back of an interaction it has just inserted, known without reading it.
#ifndef CXHUB_SERVER_CORE_STORED_INTERACTION_H_
#define CXHUB_SERVER_CORE_STORED_INTERACTION_H_

#include "server/core/model.h"

namespace cxhub {

// `inserted` (with its id) as a read of it gives it back while nothing has changed it since its
// insert: every store keeps times and durations to the microsecond, and its reads leave out
// global_key and recorded_identities (they live elsewhere). The store conformance tests hold
// each store to it.
Interaction AsStored(Interaction inserted);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_STORED_INTERACTION_H_
