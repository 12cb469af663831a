#include "server/storage/sql_store.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/core/model.h"
#include "server/core/status_macros.h"
#include "server/storage/attributes_codec.h"
#include "server/storage/connection_pool.h"
#include "server/storage/migrations.h"
#include "server/storage/sql_dialect.h"
#include "server/storage/sql_driver.h"

namespace cxhub {
namespace {

// A value bound to one `?`. Holds views: the data must live until Prepare() returns (binding
// copies it).
class Param {
 public:
  Param(int64_t value) : kind_(Kind::kInt), int_(value) {}  // NOLINT: implicit by design.
  Param(absl::string_view value) : kind_(Kind::kText), bytes_(value) {}   // NOLINT
  Param(const std::string& value) : kind_(Kind::kText), bytes_(value) {}  // NOLINT
  Param(const char* value) : kind_(Kind::kText), bytes_(value) {}         // NOLINT
  static Param Null() { return Param(Kind::kNull); }
  static Param Blob(absl::string_view bytes) {
    Param param(Kind::kBlob);
    param.bytes_ = bytes;
    return param;
  }

  void BindTo(Statement& statement, int position) const {
    switch (kind_) {
      case Kind::kInt:
        statement.BindInt64(position, int_);
        break;
      case Kind::kText:
        statement.BindText(position, bytes_);
        break;
      case Kind::kBlob:
        statement.BindBlob(position, bytes_);
        break;
      case Kind::kNull:
        statement.BindNull(position);
        break;
    }
  }

 private:
  enum class Kind { kInt, kText, kBlob, kNull };
  explicit Param(Kind kind) : kind_(kind) {}

  Kind kind_;
  int64_t int_ = 0;
  absl::string_view bytes_;
};

int64_t Micros(absl::Time time) { return absl::ToUnixMicros(time); }
absl::Time FromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

absl::Status CheckLimit(int limit) {
  if (limit <= 0) return absl::InvalidArgumentError(absl::StrCat("limit must be > 0: ", limit));
  return absl::OkStatus();
}

constexpr absl::string_view kCustomerColumns =
    "id, display_name, attributes, create_time, update_time";
constexpr absl::string_view kTouchpointColumns =
    "id, display_name, description, stage, controlled, create_time, update_time";
constexpr absl::string_view kInteractionColumns =
    "id, customer_id, channel, touchpoint_id, kind, direction, occur_time, thread_id, subject, "
    "body, duration_us, source, external_id, survey_metric, survey_score, survey_comment, "
    "attributes, create_time";

// One transaction on one connection; implements both reader and writer (a reader connection
// refuses writes itself).
class SqlTransaction final : public StoreWriter {
 public:
  SqlTransaction(Connection& connection, const SqlDialect& dialect)
      : connection_(connection), dialect_(dialect) {}

  // Whether the database reported a conflict (busy, locked, deadlock) during the
  // transaction, which makes running it again worthwhile.
  bool saw_conflict() const { return saw_conflict_; }

  // --- StoreReader ---

  absl::StatusOr<CustomerId> ResolveCustomerId(CustomerId id) override {
    CustomerId current = id;
    // Merges re-point older merges, so chains are one step long; the bound only guards
    // against a corrupt cycle.
    for (int step = 0; step < 64; ++step) {
      CXHUB_ASSIGN_OR_RETURN(auto statement,
                             Prepare("SELECT merged_into FROM customers WHERE id = ?", {current}));
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) return absl::NotFoundError(absl::StrCat("customer ", id, " not found"));
      if (statement->ColumnIsNull(0)) return current;
      current = statement->ColumnInt64(0);
    }
    return absl::InternalError(absl::StrCat("merge chain of customer ", id, " does not end"));
  }

  absl::StatusOr<Customer> GetCustomer(CustomerId id) override {
    CXHUB_ASSIGN_OR_RETURN(std::vector<Customer> customers,
                           LoadCustomers("id = ? AND merged_into IS NULL", {id}, id, id));
    if (customers.empty()) return absl::NotFoundError(absl::StrCat("customer ", id, " not found"));
    return std::move(customers.front());
  }

  absl::StatusOr<std::vector<Customer>> ListCustomers(CustomerId after_id, int limit) override {
    CXHUB_RETURN_IF_ERROR(CheckLimit(limit));
    // The page is a contiguous range of live ids, so its identities and merged ids are found
    // by range instead of one query per customer.
    CXHUB_ASSIGN_OR_RETURN(auto statement,
                           Prepare("SELECT MAX(id) FROM (SELECT id FROM customers WHERE id > ? "
                                   "AND merged_into IS NULL ORDER BY id LIMIT ?) page",
                                   {after_id, static_cast<int64_t>(limit)}));
    CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
    if (!row || statement->ColumnIsNull(0)) return std::vector<Customer>();
    const CustomerId last = statement->ColumnInt64(0);
    return LoadCustomers("id > ? AND id <= ? AND merged_into IS NULL", {after_id, last},
                         after_id + 1, last);
  }

  absl::StatusOr<std::optional<CustomerId>> FindCustomerByIdentity(
      const Identity& identity) override {
    CXHUB_ASSIGN_OR_RETURN(
        auto statement, Prepare("SELECT customer_id FROM identities WHERE kind = ? AND value = ?",
                                {static_cast<int64_t>(identity.kind), identity.value}));
    CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
    if (!row) return std::optional<CustomerId>();
    return std::optional<CustomerId>(statement->ColumnInt64(0));
  }

  absl::StatusOr<Touchpoint> GetTouchpoint(TouchpointId id) override {
    CXHUB_ASSIGN_OR_RETURN(std::vector<Touchpoint> touchpoints,
                           LoadTouchpoints("id = ?", {id}, id, id));
    if (touchpoints.empty()) {
      return absl::NotFoundError(absl::StrCat("touchpoint ", id, " not found"));
    }
    return std::move(touchpoints.front());
  }

  absl::StatusOr<std::vector<Touchpoint>> ListTouchpoints(TouchpointId after_id,
                                                          int limit) override {
    CXHUB_RETURN_IF_ERROR(CheckLimit(limit));
    CXHUB_ASSIGN_OR_RETURN(auto statement,
                           Prepare("SELECT MAX(id) FROM (SELECT id FROM touchpoints WHERE id > ? "
                                   "ORDER BY id LIMIT ?) page",
                                   {after_id, static_cast<int64_t>(limit)}));
    CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
    if (!row || statement->ColumnIsNull(0)) return std::vector<Touchpoint>();
    const TouchpointId last = statement->ColumnInt64(0);
    return LoadTouchpoints("id > ? AND id <= ?", {after_id, last}, after_id + 1, last);
  }

  absl::StatusOr<Interaction> GetInteraction(InteractionId id) override {
    CXHUB_ASSIGN_OR_RETURN(
        std::vector<Interaction> found,
        LoadInteractions(
            absl::StrCat("SELECT ", kInteractionColumns, " FROM interactions WHERE id = ?"), {id}));
    if (found.empty()) return absl::NotFoundError(absl::StrCat("interaction ", id, " not found"));
    return std::move(found.front());
  }

  absl::StatusOr<std::optional<Interaction>> FindInteractionBySource(
      const std::string& source, const std::string& external_id) override {
    if (external_id.empty()) return std::optional<Interaction>();  // Never deduplicated.
    CXHUB_ASSIGN_OR_RETURN(
        std::vector<Interaction> found,
        LoadInteractions(absl::StrCat("SELECT ", kInteractionColumns,
                                      " FROM interactions WHERE source = ? AND external_id = ?"),
                         {source, external_id}));
    if (found.empty()) return std::optional<Interaction>();
    return std::optional<Interaction>(std::move(found.front()));
  }

  absl::StatusOr<std::vector<Interaction>> ListInteractions(
      const InteractionFilter& filter, const std::optional<InteractionCursor>& after,
      int limit) override {
    CXHUB_RETURN_IF_ERROR(CheckLimit(limit));
    if (filter.customer_id == 0) {
      return absl::InvalidArgumentError("ListInteractions needs a customer_id");
    }
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    // Open bounds are bound as the extreme values, so the statement keeps one shape per
    // filter combination and the history index serves both the range and the order.
    const int64_t cursor_time = after ? Micros(after->occur_time) : kMax;
    const int64_t cursor_id = after ? after->id : kMax;
    std::string sql = absl::StrCat("SELECT ", kInteractionColumns,
                                   " FROM interactions WHERE customer_id = ?"
                                   " AND (occur_time < ? OR (occur_time = ? AND id < ?))"
                                   " AND occur_time >= ? AND occur_time < ?");
    std::vector<Param> params = {
        filter.customer_id,
        cursor_time,
        cursor_time,
        cursor_id,
        filter.start_time ? Micros(*filter.start_time) : kMin,
        filter.end_time ? Micros(*filter.end_time) : kMax,
    };
    if (!filter.channel.empty()) {
      sql += " AND channel = ?";
      params.emplace_back(filter.channel);
    }
    if (filter.touchpoint_id != 0) {
      sql += " AND touchpoint_id = ?";
      params.emplace_back(filter.touchpoint_id);
    }
    if (filter.kind.has_value()) {
      sql += " AND kind = ?";
      params.emplace_back(static_cast<int64_t>(*filter.kind));
    }
    sql += " ORDER BY occur_time DESC, id DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit));
    return LoadInteractions(sql, params);
  }

  absl::StatusOr<std::vector<Interaction>> ListInteractionsSince(InteractionId after_id,
                                                                 CustomerId customer_id,
                                                                 int limit) override {
    CXHUB_RETURN_IF_ERROR(CheckLimit(limit));
    if (customer_id == 0) {
      return LoadInteractions(absl::StrCat("SELECT ", kInteractionColumns,
                                           " FROM interactions WHERE id > ? ORDER BY id LIMIT ?"),
                              {after_id, static_cast<int64_t>(limit)});
    }
    return LoadInteractions(
        absl::StrCat("SELECT ", kInteractionColumns,
                     " FROM interactions WHERE id > ? AND customer_id = ? ORDER BY id LIMIT ?"),
        {after_id, customer_id, static_cast<int64_t>(limit)});
  }

  absl::StatusOr<InteractionId> LatestInteractionId() override {
    CXHUB_ASSIGN_OR_RETURN(auto statement,
                           Prepare("SELECT COALESCE(MAX(id), 0) FROM interactions", {}));
    CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
    return row ? statement->ColumnInt64(0) : 0;
  }

  // --- StoreWriter ---

  absl::StatusOr<CustomerId> InsertCustomer(const Customer& customer) override {
    CustomerId id = 0;
    CXHUB_RETURN_IF_ERROR(Atomically([&]() -> absl::Status {
      const std::string attributes = EncodeAttributes(customer.attributes);
      CXHUB_RETURN_IF_ERROR(
          Execute("INSERT INTO customers (display_name, attributes, merged_into, create_time, "
                  "update_time) VALUES (?, ?, NULL, ?, ?)",
                  {customer.display_name, Param::Blob(attributes), Micros(customer.create_time),
                   Micros(customer.update_time)})
              .status());
      id = connection_.LastInsertId();
      for (const Identity& identity : customer.identities) {
        CXHUB_RETURN_IF_ERROR(InsertIdentity(id, identity));
      }
      return absl::OkStatus();
    }));
    return id;
  }

  absl::Status UpdateCustomer(const Customer& customer) override {
    CXHUB_RETURN_IF_ERROR(CheckLiveCustomer(customer.id));
    const std::string attributes = EncodeAttributes(customer.attributes);
    return Execute(
               "UPDATE customers SET display_name = ?, attributes = ?, update_time = ? "
               "WHERE id = ?",
               {customer.display_name, Param::Blob(attributes), Micros(customer.update_time),
                customer.id})
        .status();
  }

  absl::Status DeleteCustomer(CustomerId id) override {
    CXHUB_RETURN_IF_ERROR(CheckLiveCustomer(id));
    return Atomically([&]() -> absl::Status {
      // Children first: foreign keys are enforced. Merged-away rows own nothing (a merge
      // moves identities and interactions), and point at `id` directly (merges re-point).
      CXHUB_RETURN_IF_ERROR(
          Execute("DELETE FROM interactions WHERE customer_id = ?", {id}).status());
      CXHUB_RETURN_IF_ERROR(Execute("DELETE FROM identities WHERE customer_id = ?", {id}).status());
      CXHUB_RETURN_IF_ERROR(Execute("DELETE FROM customers WHERE merged_into = ?", {id}).status());
      return Execute("DELETE FROM customers WHERE id = ?", {id}).status();
    });
  }

  absl::Status AddIdentity(CustomerId id, const Identity& identity) override {
    CXHUB_RETURN_IF_ERROR(CheckLiveCustomer(id));
    return InsertIdentity(id, identity);
  }

  absl::Status RemoveIdentity(CustomerId id, const Identity& identity) override {
    CXHUB_ASSIGN_OR_RETURN(
        int64_t removed,
        Execute("DELETE FROM identities WHERE kind = ? AND value = ? AND customer_id = ?",
                {static_cast<int64_t>(identity.kind), identity.value, id}));
    if (removed == 0) {
      return absl::NotFoundError(absl::StrCat("customer ", id, " has no identity ",
                                              IdentityKindName(identity.kind), ":",
                                              identity.value));
    }
    return absl::OkStatus();
  }

  absl::Status MergeCustomerInto(CustomerId merged, CustomerId survivor) override {
    if (merged == survivor) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot merge customer ", merged, " into itself"));
    }
    CXHUB_RETURN_IF_ERROR(CheckLiveCustomer(merged));
    CXHUB_RETURN_IF_ERROR(CheckLiveCustomer(survivor));
    return Atomically([&]() -> absl::Status {
      CXHUB_RETURN_IF_ERROR(
          Execute("UPDATE identities SET customer_id = ? WHERE customer_id = ?", {survivor, merged})
              .status());
      CXHUB_RETURN_IF_ERROR(Execute("UPDATE interactions SET customer_id = ? WHERE customer_id = ?",
                                    {survivor, merged})
                                .status());
      // Re-pointing earlier merges keeps every chain one step long.
      CXHUB_RETURN_IF_ERROR(
          Execute("UPDATE customers SET merged_into = ? WHERE merged_into = ?", {survivor, merged})
              .status());
      return Execute("UPDATE customers SET merged_into = ? WHERE id = ?", {survivor, merged})
          .status();
    });
  }

  absl::StatusOr<TouchpointId> InsertTouchpoint(const Touchpoint& touchpoint) override {
    TouchpointId id = 0;
    CXHUB_RETURN_IF_ERROR(Atomically([&]() -> absl::Status {
      CXHUB_RETURN_IF_ERROR(
          Execute("INSERT INTO touchpoints (display_name, description, stage, controlled, "
                  "create_time, update_time) VALUES (?, ?, ?, ?, ?, ?)",
                  {touchpoint.display_name, touchpoint.description,
                   static_cast<int64_t>(touchpoint.stage), int64_t{touchpoint.controlled},
                   Micros(touchpoint.create_time), Micros(touchpoint.update_time)})
              .status());
      id = connection_.LastInsertId();
      return InsertChannels(id, touchpoint.channels);
    }));
    return id;
  }

  absl::Status UpdateTouchpoint(const Touchpoint& touchpoint) override {
    CXHUB_RETURN_IF_ERROR(CheckTouchpoint(touchpoint.id));
    return Atomically([&]() -> absl::Status {
      CXHUB_RETURN_IF_ERROR(
          Execute("UPDATE touchpoints SET display_name = ?, description = ?, stage = ?, "
                  "controlled = ?, update_time = ? WHERE id = ?",
                  {touchpoint.display_name, touchpoint.description,
                   static_cast<int64_t>(touchpoint.stage), int64_t{touchpoint.controlled},
                   Micros(touchpoint.update_time), touchpoint.id})
              .status());
      CXHUB_RETURN_IF_ERROR(
          Execute("DELETE FROM touchpoint_channels WHERE touchpoint_id = ?", {touchpoint.id})
              .status());
      return InsertChannels(touchpoint.id, touchpoint.channels);
    });
  }

  absl::Status DeleteTouchpoint(TouchpointId id) override {
    CXHUB_RETURN_IF_ERROR(CheckTouchpoint(id));
    return Atomically([&]() -> absl::Status {
      CXHUB_RETURN_IF_ERROR(
          Execute("UPDATE interactions SET touchpoint_id = NULL WHERE touchpoint_id = ?", {id})
              .status());
      CXHUB_RETURN_IF_ERROR(
          Execute("DELETE FROM touchpoint_channels WHERE touchpoint_id = ?", {id}).status());
      return Execute("DELETE FROM touchpoints WHERE id = ?", {id}).status();
    });
  }

  absl::StatusOr<InteractionId> InsertInteraction(const Interaction& interaction) override {
    // Checked here rather than left to the foreign keys: a merged-away customer exists as a
    // row but must not gain history, and the caller deserves NOT_FOUND, not INTERNAL.
    CXHUB_RETURN_IF_ERROR(SerializeInteractionInserts());
    CXHUB_RETURN_IF_ERROR(CheckLiveCustomer(interaction.customer_id));
    if (interaction.touchpoint_id != 0) {
      CXHUB_RETURN_IF_ERROR(CheckTouchpoint(interaction.touchpoint_id));
    }
    const std::string attributes = EncodeAttributes(interaction.attributes);
    const std::optional<Survey>& survey = interaction.survey;
    absl::StatusOr<int64_t> inserted = Execute(
        "INSERT INTO interactions (customer_id, channel, touchpoint_id, kind, direction, "
        "occur_time, thread_id, subject, body, duration_us, source, external_id, survey_metric, "
        "survey_score, survey_comment, attributes, create_time) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {
            interaction.customer_id,
            interaction.channel,
            interaction.touchpoint_id != 0 ? Param(interaction.touchpoint_id) : Param::Null(),
            static_cast<int64_t>(interaction.kind),
            static_cast<int64_t>(interaction.direction),
            Micros(interaction.occur_time),
            interaction.thread_id,
            interaction.subject,
            interaction.body,
            absl::ToInt64Microseconds(interaction.duration),
            interaction.source,
            interaction.external_id.empty() ? Param::Null() : Param(interaction.external_id),
            survey ? Param(static_cast<int64_t>(survey->metric)) : Param::Null(),
            survey ? Param(int64_t{survey->score}) : Param::Null(),
            survey ? Param(survey->comment) : Param::Null(),
            Param::Blob(attributes),
            Micros(interaction.create_time),
        });
    if (absl::IsAlreadyExists(inserted.status())) {
      return absl::AlreadyExistsError(absl::StrCat("interaction from source '", interaction.source,
                                                   "' with external id '", interaction.external_id,
                                                   "' already exists"));
    }
    CXHUB_RETURN_IF_ERROR(inserted.status());
    return connection_.LastInsertId();
  }

  absl::Status Savepoint(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    return Atomically([&]() { return fn(*this); });
  }

  // --- Connector host state ---

  absl::StatusOr<std::optional<ConnectorState>> GetConnectorState(
      const std::string& name) override {
    CXHUB_ASSIGN_OR_RETURN(
        std::vector<ConnectorState> found,
        LoadConnectorStates(absl::StrCat("SELECT ", kConnectorStateColumns,
                                         " FROM connector_states WHERE name = ?"),
                            {name}));
    if (found.empty()) return std::optional<ConnectorState>();
    return std::optional<ConnectorState>(std::move(found.front()));
  }

  absl::StatusOr<std::vector<ConnectorState>> ListConnectorStates() override {
    return LoadConnectorStates(
        absl::StrCat("SELECT ", kConnectorStateColumns, " FROM connector_states ORDER BY name"),
        {});
  }

  absl::StatusOr<DeadLetter> GetDeadLetter(DeadLetterId id) override {
    CXHUB_ASSIGN_OR_RETURN(
        std::vector<DeadLetter> found,
        LoadDeadLetters(
            absl::StrCat("SELECT ", kDeadLetterColumns, " FROM dead_letters WHERE id = ?"), {id}));
    if (found.empty()) return absl::NotFoundError(absl::StrCat("dead letter ", id, " not found"));
    return std::move(found.front());
  }

  absl::StatusOr<std::vector<DeadLetter>> ListDeadLetters(const std::string& connector,
                                                          DeadLetterId after_id,
                                                          int limit) override {
    CXHUB_RETURN_IF_ERROR(CheckLimit(limit));
    if (connector.empty()) {
      return LoadDeadLetters(absl::StrCat("SELECT ", kDeadLetterColumns,
                                          " FROM dead_letters WHERE id > ? ORDER BY id LIMIT ?"),
                             {after_id, static_cast<int64_t>(limit)});
    }
    return LoadDeadLetters(
        absl::StrCat("SELECT ", kDeadLetterColumns,
                     " FROM dead_letters WHERE connector = ? AND id > ? ORDER BY id LIMIT ?"),
        {connector, after_id, static_cast<int64_t>(limit)});
  }

  absl::Status UpdateConnectorState(const std::string& name,
                                    const ConnectorStateUpdate& update) override {
    const ConnectorCounters& added = update.added;
    // No upsert in the common SQL subset: update, and insert when there was no row. An insert
    // that loses a race to another writer's insert finds the row on the second update.
    std::string sql = "UPDATE connector_states SET update_time = ?";
    std::vector<Param> params = {Micros(update.time)};
    if (update.cursor.has_value()) {
      sql += ", `cursor` = ?, cursor_time = ?";
      params.push_back(Param::Blob(*update.cursor));
      params.emplace_back(Micros(update.time));
    }
    if (update.status.has_value()) {
      sql += ", status = ?";
      params.emplace_back(static_cast<int64_t>(*update.status));
    }
    if (update.last_error.has_value()) {
      sql += ", last_error = ?";
      params.emplace_back(*update.last_error);
    }
    if (update.last_run_time.has_value()) {
      sql += ", last_run_time = ?";
      params.emplace_back(Micros(*update.last_run_time));
    }
    sql +=
        ", records_in = records_in + ?, dead_lettered = dead_lettered + ?, errors = errors + ?,"
        " skipped = skipped + ? WHERE name = ?";
    params.insert(params.end(),
                  {added.records_in, added.dead_lettered, added.errors, added.skipped, name});
    CXHUB_ASSIGN_OR_RETURN(int64_t updated, Execute(sql, params));
    if (updated > 0) return absl::OkStatus();
    absl::Status inserted =
        Execute(
            "INSERT INTO connector_states (name, `cursor`, cursor_time, status, last_error, "
            "last_run_time, records_in, dead_lettered, errors, skipped, lease_owner, "
            "lease_expire_time, update_time) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)",
            {
                name,
                Param::Blob(update.cursor.has_value() ? absl::string_view(*update.cursor) : ""),
                update.cursor.has_value() ? Param(Micros(update.time)) : Param::Null(),
                static_cast<int64_t>(update.status.value_or(ConnectorStatus::kIdle)),
                update.last_error.has_value() ? Param(*update.last_error) : Param(""),
                update.last_run_time.has_value() ? Param(Micros(*update.last_run_time))
                                                 : Param::Null(),
                added.records_in,
                added.dead_lettered,
                added.errors,
                added.skipped,
                Micros(update.time),
            })
            .status();
    if (!absl::IsAlreadyExists(inserted)) return inserted;
    return Execute(sql, params).status();
  }

  absl::StatusOr<DeadLetterId> InsertDeadLetter(const DeadLetter& dead_letter) override {
    CXHUB_RETURN_IF_ERROR(
        Execute("INSERT INTO dead_letters (connector, reason, payload, raw, create_time, "
                "retry_count) VALUES (?, ?, ?, ?, ?, ?)",
                {dead_letter.connector, dead_letter.reason,
                 static_cast<int64_t>(dead_letter.payload), Param::Blob(dead_letter.raw),
                 Micros(dead_letter.create_time), int64_t{dead_letter.retry_count}})
            .status());
    return connection_.LastInsertId();
  }

  absl::Status UpdateDeadLetter(const DeadLetter& dead_letter) override {
    CXHUB_ASSIGN_OR_RETURN(
        int64_t updated,
        Execute("UPDATE dead_letters SET reason = ?, retry_count = ? WHERE id = ?",
                {dead_letter.reason, int64_t{dead_letter.retry_count}, dead_letter.id}));
    if (updated == 0) {
      // MySQL counts changed rows only: tell "unchanged" from "missing".
      CXHUB_ASSIGN_OR_RETURN(bool exists,
                             Exists("SELECT id FROM dead_letters WHERE id = ?", {dead_letter.id}));
      if (!exists) {
        return absl::NotFoundError(absl::StrCat("dead letter ", dead_letter.id, " not found"));
      }
    }
    return absl::OkStatus();
  }

  absl::Status DeleteDeadLetter(DeadLetterId id) override {
    CXHUB_ASSIGN_OR_RETURN(int64_t deleted, Execute("DELETE FROM dead_letters WHERE id = ?", {id}));
    if (deleted == 0) return absl::NotFoundError(absl::StrCat("dead letter ", id, " not found"));
    return absl::OkStatus();
  }

  absl::StatusOr<InteractionId> ReplaceInteractionContent(const Interaction& interaction) override {
    const auto not_found = [&]() {
      return absl::NotFoundError(absl::StrCat("no interaction from source '", interaction.source,
                                              "' with external id '", interaction.external_id,
                                              "'"));
    };
    if (interaction.external_id.empty()) return not_found();
    InteractionId id = 0;
    {
      CXHUB_ASSIGN_OR_RETURN(
          auto statement,
          Prepare(absl::StrCat("SELECT id FROM interactions WHERE source = ? AND external_id = ?",
                               dialect_.lock_rows),
                  {interaction.source, interaction.external_id}));
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) return not_found();
      id = statement->ColumnInt64(0);
    }
    if (interaction.touchpoint_id != 0) {
      CXHUB_RETURN_IF_ERROR(CheckTouchpoint(interaction.touchpoint_id));
    }
    const std::string attributes = EncodeAttributes(interaction.attributes);
    const std::optional<Survey>& survey = interaction.survey;
    CXHUB_RETURN_IF_ERROR(
        Execute(
            "UPDATE interactions SET channel = ?, touchpoint_id = ?, kind = ?, direction = ?, "
            "occur_time = ?, thread_id = ?, subject = ?, body = ?, duration_us = ?, "
            "survey_metric = ?, survey_score = ?, survey_comment = ?, attributes = ? "
            "WHERE id = ?",
            {
                interaction.channel,
                interaction.touchpoint_id != 0 ? Param(interaction.touchpoint_id) : Param::Null(),
                static_cast<int64_t>(interaction.kind),
                static_cast<int64_t>(interaction.direction),
                Micros(interaction.occur_time),
                interaction.thread_id,
                interaction.subject,
                interaction.body,
                absl::ToInt64Microseconds(interaction.duration),
                survey ? Param(static_cast<int64_t>(survey->metric)) : Param::Null(),
                survey ? Param(int64_t{survey->score}) : Param::Null(),
                survey ? Param(survey->comment) : Param::Null(),
                Param::Blob(attributes),
                id,
            })
            .status());
    return id;
  }

 private:
  static constexpr absl::string_view kConnectorStateColumns =
      "name, `cursor`, cursor_time, status, last_error, last_run_time, records_in, dead_lettered, "
      "errors, skipped, lease_owner, lease_expire_time, update_time";
  static constexpr absl::string_view kDeadLetterColumns =
      "id, connector, reason, payload, raw, create_time, retry_count";

  static absl::Time MicrosOrPast(const Statement& s, int column) {
    return s.ColumnIsNull(column) ? absl::InfinitePast() : FromMicros(s.ColumnInt64(column));
  }

  absl::StatusOr<std::vector<ConnectorState>> LoadConnectorStates(absl::string_view sql,
                                                                  absl::Span<const Param> params) {
    CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
    std::vector<ConnectorState> states;
    while (true) {
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) break;
      const Statement& s = *statement;
      ConnectorState state;
      state.name = s.ColumnText(0);
      state.cursor = s.ColumnBlob(1);
      state.cursor_time = MicrosOrPast(s, 2);
      state.status = static_cast<ConnectorStatus>(s.ColumnInt64(3));
      state.last_error = s.ColumnText(4);
      state.last_run_time = MicrosOrPast(s, 5);
      state.counters = {s.ColumnInt64(6), s.ColumnInt64(7), s.ColumnInt64(8), s.ColumnInt64(9)};
      state.lease_owner = s.ColumnIsNull(10) ? std::string() : s.ColumnText(10);
      state.lease_expire_time = MicrosOrPast(s, 11);
      state.update_time = FromMicros(s.ColumnInt64(12));
      states.push_back(std::move(state));
    }
    return states;
  }

  absl::StatusOr<std::vector<DeadLetter>> LoadDeadLetters(absl::string_view sql,
                                                          absl::Span<const Param> params) {
    CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
    std::vector<DeadLetter> dead_letters;
    while (true) {
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) break;
      const Statement& s = *statement;
      DeadLetter dead_letter;
      dead_letter.id = s.ColumnInt64(0);
      dead_letter.connector = s.ColumnText(1);
      dead_letter.reason = s.ColumnText(2);
      dead_letter.payload = static_cast<DeadLetterPayload>(s.ColumnInt64(3));
      dead_letter.raw = s.ColumnBlob(4);
      dead_letter.create_time = FromMicros(s.ColumnInt64(5));
      dead_letter.retry_count = static_cast<int32_t>(s.ColumnInt64(6));
      dead_letters.push_back(std::move(dead_letter));
    }
    return dead_letters;
  }
  // --- end of connector host state ---

 private:
  // Runs fn in a savepoint: all of its changes or none.
  absl::Status Atomically(absl::FunctionRef<absl::Status()> fn) {
    const std::string name = absl::StrCat("cxhub_sp", ++savepoint_count_);
    CXHUB_RETURN_IF_ERROR(Note(connection_.Savepoint(name)));
    absl::Status status = fn();
    if (status.ok()) return Note(connection_.ReleaseSavepoint(name));
    absl::Status undo = Note(connection_.RollbackToSavepoint(name));
    if (undo.ok()) undo = Note(connection_.ReleaseSavepoint(name));
    if (!undo.ok()) {
      return absl::Status(
          undo.code(), absl::StrCat(status.message(), "; and undoing it failed: ", undo.message()));
    }
    return status;
  }

  // Takes the dialect's commit-order lock once per transaction (see SqlDialect). InnoDB keeps
  // row locks taken after a savepoint when rolling back to it, so once is enough.
  absl::Status SerializeInteractionInserts() {
    if (dialect_.serialize_interaction_inserts.empty() || holds_sequence_lock_) {
      return absl::OkStatus();
    }
    CXHUB_ASSIGN_OR_RETURN(bool row, Exists(dialect_.serialize_interaction_inserts, {}));
    if (!row) return absl::InternalError("commit_sequence has no row; migrations incomplete");
    holds_sequence_lock_ = true;
    return absl::OkStatus();
  }

  absl::Status Note(absl::Status status) {
    // UNAVAILABLE: SQLite busy/locked or a lost MySQL connection; ABORTED: the database rolled
    // the transaction back (deadlock, lock wait timeout). Both are worth a rerun.
    if (absl::IsUnavailable(status) || absl::IsAborted(status)) saw_conflict_ = true;
    return status;
  }

  absl::StatusOr<std::unique_ptr<Statement>> Prepare(absl::string_view sql,
                                                     absl::Span<const Param> params) {
    absl::StatusOr<std::unique_ptr<Statement>> statement = connection_.Prepare(sql);
    if (!statement.ok()) return Note(statement.status());
    for (size_t i = 0; i < params.size(); ++i) {
      params[i].BindTo(**statement, static_cast<int>(i + 1));
    }
    return statement;
  }

  absl::StatusOr<bool> Step(Statement& statement) {
    absl::StatusOr<bool> row = statement.Step();
    if (!row.ok()) return Note(row.status());
    return row;
  }

  // Runs a statement that returns no rows; returns the rows it changed.
  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Param> params) {
    CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
    while (true) {
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) break;
    }
    return statement->RowsAffected();
  }

  absl::StatusOr<bool> Exists(absl::string_view sql, absl::Span<const Param> params) {
    CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
    return Step(*statement);
  }

  absl::Status CheckLiveCustomer(CustomerId id) {
    CXHUB_ASSIGN_OR_RETURN(
        bool live,
        Exists(absl::StrCat("SELECT id FROM customers WHERE id = ? AND merged_into IS NULL",
                            dialect_.lock_rows),
               {id}));
    if (!live) return absl::NotFoundError(absl::StrCat("customer ", id, " not found"));
    return absl::OkStatus();
  }

  absl::Status CheckTouchpoint(TouchpointId id) {
    CXHUB_ASSIGN_OR_RETURN(
        bool exists,
        Exists(absl::StrCat("SELECT id FROM touchpoints WHERE id = ?", dialect_.lock_rows), {id}));
    if (!exists) return absl::NotFoundError(absl::StrCat("touchpoint ", id, " not found"));
    return absl::OkStatus();
  }

  absl::Status InsertIdentity(CustomerId id, const Identity& identity) {
    absl::Status status =
        Execute("INSERT INTO identities (kind, value, customer_id) VALUES (?, ?, ?)",
                {static_cast<int64_t>(identity.kind), identity.value, id})
            .status();
    if (absl::IsAlreadyExists(status)) {
      return absl::AlreadyExistsError(absl::StrCat("identity ", IdentityKindName(identity.kind),
                                                   ":", identity.value,
                                                   " already belongs to a customer"));
    }
    return status;
  }

  absl::Status InsertChannels(TouchpointId id, const std::vector<std::string>& channels) {
    for (size_t i = 0; i < channels.size(); ++i) {
      CXHUB_RETURN_IF_ERROR(
          Execute("INSERT INTO touchpoint_channels (touchpoint_id, position, channel) "
                  "VALUES (?, ?, ?)",
                  {id, static_cast<int64_t>(i), channels[i]})
              .status());
    }
    return absl::OkStatus();
  }

  // Customers matching `where` (over customers), whose ids lie in [first_id, last_id], with
  // their identities and merged ids; ascending by id.
  absl::StatusOr<std::vector<Customer>> LoadCustomers(absl::string_view where,
                                                      absl::Span<const Param> params,
                                                      CustomerId first_id, CustomerId last_id) {
    std::vector<Customer> customers;
    {
      CXHUB_ASSIGN_OR_RETURN(auto statement,
                             Prepare(absl::StrCat("SELECT ", kCustomerColumns,
                                                  " FROM customers WHERE ", where, " ORDER BY id"),
                                     params));
      while (true) {
        CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
        if (!row) break;
        Customer customer;
        customer.id = statement->ColumnInt64(0);
        customer.display_name = statement->ColumnText(1);
        CXHUB_ASSIGN_OR_RETURN(customer.attributes, DecodeAttributes(statement->ColumnBlob(2)));
        customer.create_time = FromMicros(statement->ColumnInt64(3));
        customer.update_time = FromMicros(statement->ColumnInt64(4));
        customers.push_back(std::move(customer));
      }
    }
    if (customers.empty()) return customers;
    auto find = [&customers](CustomerId id) -> Customer* {
      auto it = std::lower_bound(customers.begin(), customers.end(), id,
                                 [](const Customer& c, CustomerId v) { return c.id < v; });
      return it != customers.end() && it->id == id ? &*it : nullptr;
    };
    {
      CXHUB_ASSIGN_OR_RETURN(auto statement,
                             Prepare("SELECT customer_id, kind, value FROM identities "
                                     "WHERE customer_id >= ? AND customer_id <= ?",
                                     {first_id, last_id}));
      while (true) {
        CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
        if (!row) break;
        if (Customer* customer = find(statement->ColumnInt64(0))) {
          customer->identities.push_back(
              {static_cast<IdentityKind>(statement->ColumnInt64(1)), statement->ColumnText(2)});
        }
      }
    }
    {
      CXHUB_ASSIGN_OR_RETURN(auto statement,
                             Prepare("SELECT merged_into, id FROM customers "
                                     "WHERE merged_into >= ? AND merged_into <= ? ORDER BY id",
                                     {first_id, last_id}));
      while (true) {
        CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
        if (!row) break;
        if (Customer* customer = find(statement->ColumnInt64(0))) {
          customer->merged_ids.push_back(statement->ColumnInt64(1));
        }
      }
    }
    // Sorted here, not in SQL: collations differ between databases, model.h says bytewise.
    for (Customer& customer : customers) {
      std::sort(customer.identities.begin(), customer.identities.end());
    }
    return customers;
  }

  // Touchpoints matching `where`, whose ids lie in [first_id, last_id], with their channels.
  absl::StatusOr<std::vector<Touchpoint>> LoadTouchpoints(absl::string_view where,
                                                          absl::Span<const Param> params,
                                                          TouchpointId first_id,
                                                          TouchpointId last_id) {
    std::vector<Touchpoint> touchpoints;
    {
      CXHUB_ASSIGN_OR_RETURN(
          auto statement, Prepare(absl::StrCat("SELECT ", kTouchpointColumns,
                                               " FROM touchpoints WHERE ", where, " ORDER BY id"),
                                  params));
      while (true) {
        CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
        if (!row) break;
        Touchpoint touchpoint;
        touchpoint.id = statement->ColumnInt64(0);
        touchpoint.display_name = statement->ColumnText(1);
        touchpoint.description = statement->ColumnText(2);
        touchpoint.stage = static_cast<JourneyStage>(statement->ColumnInt64(3));
        touchpoint.controlled = statement->ColumnInt64(4) != 0;
        touchpoint.create_time = FromMicros(statement->ColumnInt64(5));
        touchpoint.update_time = FromMicros(statement->ColumnInt64(6));
        touchpoints.push_back(std::move(touchpoint));
      }
    }
    if (touchpoints.empty()) return touchpoints;
    CXHUB_ASSIGN_OR_RETURN(auto statement,
                           Prepare("SELECT touchpoint_id, channel FROM touchpoint_channels "
                                   "WHERE touchpoint_id >= ? AND touchpoint_id <= ? "
                                   "ORDER BY touchpoint_id, position",
                                   {first_id, last_id}));
    while (true) {
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) break;
      const TouchpointId id = statement->ColumnInt64(0);
      auto it = std::lower_bound(touchpoints.begin(), touchpoints.end(), id,
                                 [](const Touchpoint& t, TouchpointId v) { return t.id < v; });
      if (it != touchpoints.end() && it->id == id) {
        it->channels.push_back(statement->ColumnText(1));
      }
    }
    return touchpoints;
  }

  absl::StatusOr<std::vector<Interaction>> LoadInteractions(absl::string_view sql,
                                                            absl::Span<const Param> params) {
    CXHUB_ASSIGN_OR_RETURN(auto statement, Prepare(sql, params));
    std::vector<Interaction> interactions;
    while (true) {
      CXHUB_ASSIGN_OR_RETURN(bool row, Step(*statement));
      if (!row) break;
      const Statement& s = *statement;
      Interaction interaction;
      interaction.id = s.ColumnInt64(0);
      interaction.customer_id = s.ColumnInt64(1);
      interaction.channel = s.ColumnText(2);
      interaction.touchpoint_id = s.ColumnIsNull(3) ? 0 : s.ColumnInt64(3);
      interaction.kind = static_cast<InteractionKind>(s.ColumnInt64(4));
      interaction.direction = static_cast<Direction>(s.ColumnInt64(5));
      interaction.occur_time = FromMicros(s.ColumnInt64(6));
      interaction.thread_id = s.ColumnText(7);
      interaction.subject = s.ColumnText(8);
      interaction.body = s.ColumnText(9);
      interaction.duration = absl::Microseconds(s.ColumnInt64(10));
      interaction.source = s.ColumnText(11);
      interaction.external_id = s.ColumnIsNull(12) ? std::string() : s.ColumnText(12);
      if (!s.ColumnIsNull(13)) {
        interaction.survey = Survey{static_cast<SurveyMetric>(s.ColumnInt64(13)),
                                    static_cast<int32_t>(s.ColumnInt64(14)),
                                    s.ColumnIsNull(15) ? std::string() : s.ColumnText(15)};
      }
      CXHUB_ASSIGN_OR_RETURN(interaction.attributes, DecodeAttributes(s.ColumnBlob(16)));
      interaction.create_time = FromMicros(s.ColumnInt64(17));
      interactions.push_back(std::move(interaction));
    }
    return interactions;
  }

  Connection& connection_;
  const SqlDialect& dialect_;
  int savepoint_count_ = 0;
  bool saw_conflict_ = false;
  bool holds_sequence_lock_ = false;
};

class SqlStore final : public Store {
 public:
  explicit SqlStore(const SqlStoreOptions& options)
      : dialect_(*options.dialect),
        readers_(options.max_readers, options.open_reader),
        writers_(options.max_writers, options.open_writer) {}

  absl::Status Read(absl::FunctionRef<absl::Status(StoreReader&)> fn) override {
    CXHUB_ASSIGN_OR_RETURN(ConnectionPool::Lease connection, readers_.Acquire());
    CXHUB_RETURN_IF_ERROR(connection->BeginRead());
    SqlTransaction transaction(*connection, dialect_);
    absl::Status status = fn(transaction);
    if (!status.ok()) {
      connection->Rollback().IgnoreError();
      return status;
    }
    status = connection->Commit();
    if (!status.ok()) connection->Rollback().IgnoreError();
    return status;
  }

  absl::Status Write(absl::FunctionRef<absl::Status(StoreWriter&)> fn) override {
    absl::Status status;
    for (int attempt = 1;; ++attempt) {
      bool conflict = false;
      status = WriteOnce(fn, conflict);
      const bool rerun = conflict && (absl::IsUnavailable(status) || absl::IsAborted(status));
      if (!rerun) return status;
      if (attempt >= dialect_.write_attempts) {
        if (!absl::IsAborted(status)) return status;
        // Store's contract: a database that stays busy is UNAVAILABLE (the caller may retry).
        return absl::UnavailableError(absl::StrCat("transaction aborted ", attempt,
                                                   " times by conflicts: ", status.message()));
      }
      absl::SleepFor(absl::Milliseconds(10 * attempt));  // Let the other writer finish.
    }
  }

  ConnectionPool& writers() { return writers_; }

 private:
  absl::Status WriteOnce(absl::FunctionRef<absl::Status(StoreWriter&)> fn, bool& conflict) {
    CXHUB_ASSIGN_OR_RETURN(ConnectionPool::Lease connection, writers_.Acquire());
    if (absl::Status status = connection->BeginWrite(); !status.ok()) {
      conflict = absl::IsUnavailable(status) || absl::IsAborted(status);
      return status;
    }
    SqlTransaction transaction(*connection, dialect_);
    absl::Status status = fn(transaction);
    if (status.ok()) {
      status = connection->Commit();
      if (status.ok()) return status;
      // A COMMIT that lost its connection may have committed: running fn again could record
      // twice, so only a refused (busy) or rolled-back commit is rerun.
      conflict =
          absl::IsAborted(status) || (absl::IsUnavailable(status) && !connection->IsBroken());
    } else {
      conflict = transaction.saw_conflict();
    }
    connection->Rollback().IgnoreError();
    return status;
  }

  const SqlDialect& dialect_;
  ConnectionPool readers_;
  ConnectionPool writers_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqlStore(SqlStoreOptions options) {
  if (options.dialect == nullptr || !options.open_reader || !options.open_writer) {
    return absl::InvalidArgumentError("SqlStoreOptions needs a dialect and connection openers");
  }
  auto store = std::make_unique<SqlStore>(options);
  {
    // Also proves the database is reachable before the store is handed out.
    CXHUB_ASSIGN_OR_RETURN(ConnectionPool::Lease connection, store->writers().Acquire());
    CXHUB_RETURN_IF_ERROR(ApplyMigrations(*connection, *options.dialect).status());
  }
  return store;
}

}  // namespace cxhub
