// How cxctl prints a cxhub.v1.CustomerExplanation (`cxctl customers explain`) for people: the
// customer and its identities, then one line per merge and unmerge, newest first. Read through
// reflection, as every printer here, so the CLI needs no generated code of the service.
#ifndef CXHUB_CLIENTS_CXCTL_EXPLANATION_TEXT_H_
#define CXHUB_CLIENTS_CXCTL_EXPLANATION_TEXT_H_

#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cxhub::cxctl {

bool IsCustomerExplanation(const google::protobuf::Descriptor* type);

std::string ExplanationText(const google::protobuf::Message& explanation);

}  // namespace cxhub::cxctl

#endif  // CXHUB_CLIENTS_CXCTL_EXPLANATION_TEXT_H_
