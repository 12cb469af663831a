#include "server/storage/sql_touchpoint_rules.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/column_values.h"
#include "server/storage/sql_driver.h"
#include "server/storage/sql_param.h"
#include "server/storage/transaction_context.h"

namespace cxhub {
namespace {

constexpr absl::string_view kRuleColumns =
    "id, touchpoint_id, priority, description, create_time, update_time";

// Which list of a TouchpointRule a row of touchpoint_rule_criteria belongs to. Stored:
// never renumber.
enum class RuleCriterion {
  kChannel = 1,
  kSource = 2,
  kContacted = 3,
  kWord = 4,
  kAttribute = 5,
  kSurveyTouchpointTag = 6,
  kKind = 7,
};

// One row of touchpoint_rule_criteria (see the 0003 migration); its position is its place
// among the rows of the same rule and criterion.
struct CriterionRow {
  int64_t rule_id = 0;
  RuleCriterion criterion = RuleCriterion::kChannel;
  int64_t code = 0;
  std::string name;
  std::string value;
};

TouchpointRule RuleFromRow(const Statement& row) {
  TouchpointRule rule;
  rule.id = row.ColumnInt64(0);
  rule.touchpoint_id = row.ColumnInt64(1);
  rule.priority = static_cast<int32_t>(row.ColumnInt64(2));
  rule.description = row.ColumnText(3);
  rule.create_time = FromMicros(row.ColumnInt64(4));
  rule.update_time = FromMicros(row.ColumnInt64(5));
  return rule;
}

CriterionRow CriterionFromRow(const Statement& row) {
  return {row.ColumnInt64(0), static_cast<RuleCriterion>(row.ColumnInt64(1)), row.ColumnInt64(2),
          row.ColumnBlob(3), row.ColumnBlob(4)};
}

// The rule's criteria as rows, each list in its order.
std::vector<CriterionRow> CriteriaOf(const TouchpointRule& rule) {
  std::vector<CriterionRow> rows;
  auto add_values = [&](RuleCriterion criterion, const std::vector<std::string>& values) {
    for (const std::string& value : values) rows.push_back({rule.id, criterion, 0, "", value});
  };
  add_values(RuleCriterion::kChannel, rule.channels);
  add_values(RuleCriterion::kSource, rule.sources);
  for (const Identity& identity : rule.contacted) {
    rows.push_back({rule.id, RuleCriterion::kContacted, static_cast<int64_t>(identity.kind), "",
                    identity.value});
  }
  add_values(RuleCriterion::kWord, rule.words);
  for (const auto& [name, value] : rule.attributes) {
    rows.push_back({rule.id, RuleCriterion::kAttribute, 0, name, value});
  }
  add_values(RuleCriterion::kSurveyTouchpointTag, rule.survey_touchpoint_tags);
  for (InteractionKind kind : rule.kinds) {
    rows.push_back({rule.id, RuleCriterion::kKind, static_cast<int64_t>(kind), "", ""});
  }
  return rows;
}

// Puts a criterion row back into its list; INTERNAL for a criterion this code does not know
// (a newer server wrote it).
absl::Status AddCriterion(CriterionRow row, TouchpointRule& rule) {
  switch (row.criterion) {
    case RuleCriterion::kChannel:
      rule.channels.push_back(std::move(row.value));
      return absl::OkStatus();
    case RuleCriterion::kSource:
      rule.sources.push_back(std::move(row.value));
      return absl::OkStatus();
    case RuleCriterion::kContacted:
      rule.contacted.push_back({static_cast<IdentityKind>(row.code), std::move(row.value)});
      return absl::OkStatus();
    case RuleCriterion::kWord:
      rule.words.push_back(std::move(row.value));
      return absl::OkStatus();
    case RuleCriterion::kAttribute:
      rule.attributes[std::move(row.name)] = std::move(row.value);
      return absl::OkStatus();
    case RuleCriterion::kSurveyTouchpointTag:
      rule.survey_touchpoint_tags.push_back(std::move(row.value));
      return absl::OkStatus();
    case RuleCriterion::kKind:
      rule.kinds.push_back(static_cast<InteractionKind>(row.code));
      return absl::OkStatus();
  }
  return absl::InternalError(absl::StrCat("touchpoint rule ", row.rule_id,
                                          " has a criterion of unknown kind ",
                                          static_cast<int>(row.criterion)));
}

// What an update writes; an insert writes touchpoint_id and create_time too.
std::vector<ColumnValue> ChangeableColumns(const TouchpointRule& rule) {
  return {
      {"priority", int64_t{rule.priority}},
      {"description", rule.description},
      {"update_time", Micros(rule.update_time)},
  };
}

absl::Status BumpRevision(TransactionContext& db) {
  return db.Execute("UPDATE touchpoint_rules_revision SET revision = revision + 1 WHERE id = 1", {})
      .status();
}

int64_t RevisionFromRow(const Statement& row) { return row.ColumnInt64(0); }

}  // namespace

absl::StatusOr<TouchpointRule> SqlTouchpointRules::Get(TouchpointRuleId id) {
  CXHUB_ASSIGN_OR_RETURN(std::vector<TouchpointRule> rules, Load("id = ?", {id}));
  if (rules.empty()) {
    return absl::NotFoundError(absl::StrCat("touchpoint rule ", id, " not found"));
  }
  return std::move(rules.front());
}

absl::StatusOr<std::vector<TouchpointRule>> SqlTouchpointRules::List() { return Load("1 = 1", {}); }

absl::StatusOr<int64_t> SqlTouchpointRules::Revision() {
  CXHUB_ASSIGN_OR_RETURN(
      std::optional<int64_t> revision,
      db_.QueryOne<int64_t>("SELECT revision FROM touchpoint_rules_revision WHERE id = 1", {},
                            RevisionFromRow));
  if (!revision.has_value()) {
    return absl::InternalError("touchpoint_rules_revision has no row; migrations incomplete");
  }
  return *revision;
}

absl::StatusOr<TouchpointRuleId> SqlTouchpointRules::Insert(const TouchpointRule& rule) {
  CXHUB_RETURN_IF_ERROR(touchpoints_.CheckExists(rule.touchpoint_id));
  TouchpointRule inserted = rule;
  CXHUB_RETURN_IF_ERROR(db_.Atomically([&]() -> absl::Status {
    std::vector<ColumnValue> columns = ChangeableColumns(rule);
    columns.push_back({"touchpoint_id", rule.touchpoint_id});
    columns.push_back({"create_time", Micros(rule.create_time)});
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(InsertSql("touchpoint_rules", columns), ValuesOf(columns)).status());
    inserted.id = db_.LastInsertId();
    CXHUB_RETURN_IF_ERROR(InsertCriteria(inserted));
    return BumpRevision(db_);
  }));
  return inserted.id;
}

absl::Status SqlTouchpointRules::Update(const TouchpointRule& rule) {
  CXHUB_RETURN_IF_ERROR(CheckExists(rule.id));
  return db_.Atomically([&]() -> absl::Status {
    const std::vector<ColumnValue> columns = ChangeableColumns(rule);
    CXHUB_RETURN_IF_ERROR(
        db_.Execute(UpdateSql("touchpoint_rules", columns, "id = ?"), ValuesOf(columns, {rule.id}))
            .status());
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("DELETE FROM touchpoint_rule_criteria WHERE rule_id = ?", {rule.id}).status());
    CXHUB_RETURN_IF_ERROR(InsertCriteria(rule));
    return BumpRevision(db_);
  });
}

absl::Status SqlTouchpointRules::Delete(TouchpointRuleId id) {
  CXHUB_RETURN_IF_ERROR(CheckExists(id));
  return db_.Atomically([&]() -> absl::Status {
    for (absl::string_view sql : {"DELETE FROM touchpoint_rule_criteria WHERE rule_id = ?",
                                  "DELETE FROM touchpoint_rules WHERE id = ?"}) {
      CXHUB_RETURN_IF_ERROR(db_.Execute(sql, {id}).status());
    }
    return BumpRevision(db_);
  });
}

absl::Status SqlTouchpointRules::CheckExists(TouchpointRuleId id) {
  CXHUB_ASSIGN_OR_RETURN(bool exists,
                         db_.Exists(absl::StrCat("SELECT id FROM touchpoint_rules WHERE id = ?",
                                                 db_.dialect().lock_rows),
                                    {id}));
  if (!exists) return absl::NotFoundError(absl::StrCat("touchpoint rule ", id, " not found"));
  return absl::OkStatus();
}

absl::Status SqlTouchpointRules::InsertCriteria(const TouchpointRule& rule) {
  const std::vector<CriterionRow> rows = CriteriaOf(rule);
  std::optional<RuleCriterion> previous;
  int64_t position = 0;
  for (const CriterionRow& row : rows) {
    position = previous == row.criterion ? position + 1 : 0;
    previous = row.criterion;
    CXHUB_RETURN_IF_ERROR(
        db_.Execute("INSERT INTO touchpoint_rule_criteria "
                    "(rule_id, criterion, position, code, name, value) VALUES (?, ?, ?, ?, ?, ?)",
                    {rule.id, static_cast<int64_t>(row.criterion), position, row.code,
                     Param::Blob(row.name), Param::Blob(row.value)})
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TouchpointRule>> SqlTouchpointRules::Load(
    absl::string_view where, absl::Span<const Param> params) {
  CXHUB_ASSIGN_OR_RETURN(std::vector<TouchpointRule> rules,
                         db_.Query<TouchpointRule>(
                             absl::StrCat("SELECT ", kRuleColumns, " FROM touchpoint_rules WHERE ",
                                          where, " ORDER BY priority, id"),
                             params, RuleFromRow));
  if (rules.empty()) return rules;
  std::unordered_map<TouchpointRuleId, TouchpointRule*> by_id;
  for (TouchpointRule& rule : rules) by_id[rule.id] = &rule;
  CXHUB_ASSIGN_OR_RETURN(
      std::vector<CriterionRow> criteria,
      db_.Query<CriterionRow>(
          absl::StrCat("SELECT rule_id, criterion, code, name, value FROM touchpoint_rule_criteria "
                       "WHERE rule_id IN (SELECT id FROM touchpoint_rules WHERE ",
                       where, ") ORDER BY rule_id, criterion, position"),
          params, CriterionFromRow));
  for (CriterionRow& row : criteria) {
    auto it = by_id.find(row.rule_id);
    if (it != by_id.end()) CXHUB_RETURN_IF_ERROR(AddCriterion(std::move(row), *it->second));
  }
  return rules;
}

absl::Status DeleteRulesOfTouchpoint(TransactionContext& db, TouchpointId id) {
  CXHUB_RETURN_IF_ERROR(db.Execute("DELETE FROM touchpoint_rule_criteria WHERE rule_id IN "
                                   "(SELECT id FROM touchpoint_rules WHERE touchpoint_id = ?)",
                                   {id})
                            .status());
  CXHUB_RETURN_IF_ERROR(
      db.Execute("DELETE FROM touchpoint_rules WHERE touchpoint_id = ?", {id}).status());
  return BumpRevision(db);
}

}  // namespace cxhub
