// Ledger entries (merge_entry.h) and customer explanations to cxhub.v1 messages.
#ifndef CXHUB_SERVER_API_MERGE_LEDGER_CONVERSION_H_
#define CXHUB_SERVER_API_MERGE_LEDGER_CONVERSION_H_

#include "cxhub/v1/merge_ledger.pb.h"
#include "server/core/merge_entry.h"
#include "server/core/merge_ledger.h"

namespace cxhub {

void MergeToProto(const MergeEntry& entry, v1::Merge* out);
void ExplanationToProto(const CustomerExplanation& explanation, v1::CustomerExplanation* out);

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_MERGE_LEDGER_CONVERSION_H_
