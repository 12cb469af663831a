#include "server/storage/touchpoint_channel_sql.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/core/model.h"
#include "server/storage/sql_param.h"

namespace cxhub {

std::string TouchpointChannelSql(const std::optional<TouchpointId>& touchpoint_id,
                                 absl::string_view channel, absl::string_view qualifier,
                                 std::vector<Param>& params) {
  std::string sql;
  if (touchpoint_id.has_value()) {
    absl::StrAppend(&sql, " AND ", qualifier, "touchpoint_id = ?");
    params.emplace_back(*touchpoint_id);
  }
  if (!channel.empty()) {
    absl::StrAppend(&sql, " AND ", qualifier, "channel = ?");
    params.emplace_back(channel);  // A view: `channel` must outlive the query.
  }
  return sql;
}

std::string InteractionTouchpointChannelSql(const std::optional<TouchpointId>& touchpoint_id,
                                            absl::string_view channel, std::vector<Param>& params) {
  std::string sql;
  if (touchpoint_id.has_value()) {
    sql += " AND COALESCE(touchpoint_id, 0) = ?";
    params.emplace_back(*touchpoint_id);
  }
  return sql + TouchpointChannelSql(std::nullopt, channel, "", params);
}

}  // namespace cxhub
