// The touchpoint and channel conditions that the store's aggregate queries (score answers,
// purchases, customer activity) share, so that each narrows the same way.
#ifndef CXHUB_SERVER_STORAGE_TOUCHPOINT_CHANNEL_SQL_H_
#define CXHUB_SERVER_STORAGE_TOUCHPOINT_CHANNEL_SQL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/core/model.h"
#include "server/storage/sql_param.h"

namespace cxhub {

// " AND <qualifier>touchpoint_id = ? AND <qualifier>channel = ?", as far as the filter narrows
// (no touchpoint, or an empty channel, leaves its condition out), appending the values to
// `params` (the channel as a view, so it must outlive the query). `qualifier` is empty or a table
// alias with its dot ("activity.").
std::string TouchpointChannelSql(const std::optional<TouchpointId>& touchpoint_id,
                                 absl::string_view channel, absl::string_view qualifier,
                                 std::vector<Param>& params);

// The same over the interactions table, where NULL is no touchpoint (0 in the filter).
std::string InteractionTouchpointChannelSql(const std::optional<TouchpointId>& touchpoint_id,
                                            absl::string_view channel, std::vector<Param>& params);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_TOUCHPOINT_CHANNEL_SQL_H_
