// Splits a MySQL script (a migration file) into single statements.
//
// The MySQL protocol runs one statement per call unless multi-statements are switched on for
// the whole session, which would also let an injected `;` run a second statement. Migration
// files are split here instead, so connections keep multi-statements off.
#ifndef CXHUB_SERVER_STORAGE_MYSQL_SCRIPT_H_
#define CXHUB_SERVER_STORAGE_MYSQL_SCRIPT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cxhub {

// Statements separated by `;`, without comments (`-- `, `#`, `/* */`) and surrounding
// blanks; empty statements are dropped. `;` inside quotes ('...', "...", `...`) does not
// split. INVALID_ARGUMENT for an unterminated quote or comment. No DELIMITER support.
absl::StatusOr<std::vector<std::string>> SplitMysqlScript(absl::string_view script);

}  // namespace cxhub

#endif  // CXHUB_SERVER_STORAGE_MYSQL_SCRIPT_H_
