// Encodes an attribute map as bytes for one database column, and back.
//
// The format is a sequence of netstrings, key then value ("3:key,5:value,"), ascending by
// key: binary-safe for any bytes, and still readable in a SQL shell for plain text.
#ifndef CXHUB_SERVER_STORAGE_ATTRIBUTES_CODEC_H_
#define CXHUB_SERVER_STORAGE_ATTRIBUTES_CODEC_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/model.h"

namespace cxhub {

std::string EncodeAttributes(const Attributes& attributes);
// INTERNAL (the column is corrupt) when `encoded` is not a well-formed encoding.
absl::StatusOr<Attributes> DecodeAttributes(absl::string_view encoded);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_ATTRIBUTES_CODEC_H_
