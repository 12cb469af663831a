#include "tests/core/test_env.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/required_skip.h"
#include "tests/storage/store_backends.h"

namespace cxhub {
namespace {

// "mysql": TempStore opens a MySQL database (CMakeLists.txt sets it for the core.mysql.* runs).
constexpr char kCoreTestStoreEnv[] = "CXHUB_CORE_TEST_STORE";

}  // namespace

TempStore::TempStore() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/cxhub-core-test-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << pattern;
    return;
  }
  dir_ = buffer.data();
  Open();
}

void TempStore::Open() {
  const char* selected = std::getenv(kCoreTestStoreEnv);
  const std::string name =
      selected != nullptr && std::string(selected) == "mysql" ? "Mysql" : "Sqlite";
  const std::vector<testing::BackendFactory> backends = testing::AllBackends();
  const auto named = [&](const std::string& wanted) {
    return *std::find_if(backends.begin(), backends.end(),
                         [&](const testing::BackendFactory& b) { return b.name == wanted; });
  };
  const testing::BackendFactory& chosen = named(name);
  // A test that cannot run here still gets a store (SQLite), so that the fixture's members can
  // be built on it; it is skipped before it runs.
  const testing::BackendFactory& opened = chosen.skip_reason.empty() ? chosen : named("Sqlite");
  std::shared_ptr<testing::StoreBackend> backend = opened.make(dir_);
  absl::StatusOr<std::unique_ptr<Store>> store = backend->Open();
  ASSERT_TRUE(store.ok()) << "opening the " << opened.name << " store: " << store.status();
  backend_ = std::move(backend);
  store_ = *std::move(store);
  if (!chosen.skip_reason.empty()) CXHUB_SKIP_UNLESS_REQUIRED(chosen.skip_reason);
}

CustomerId TempStore::InsertCustomerNamed(const std::string& display_name) {
  CustomerId id = 0;
  const absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
    Customer customer;
    customer.display_name = display_name;
    absl::StatusOr<CustomerId> inserted = writer.InsertCustomer(customer);
    id = inserted.value_or(0);
    return inserted.status();
  });
  EXPECT_TRUE(status.ok()) << status;
  return id;
}

InteractionId TempStore::InsertInteractionAsIs(const Interaction& interaction) {
  InteractionId id = 0;
  const absl::Status status = store_->Write([&](StoreWriter& writer) -> absl::Status {
    absl::StatusOr<InteractionId> inserted = writer.InsertInteraction(interaction);
    id = inserted.value_or(0);
    return inserted.status();
  });
  EXPECT_TRUE(status.ok()) << status;
  return id;
}

TempStore::~TempStore() {
  store_.reset();
  backend_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

void WaitForWaiters(InteractionFeed& feed, int count) {
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  // Judged on the count the loop saw, not a second read: a waiter woken by a Publish is counted
  // until it runs again, so the count can drop between two reads with nothing wrong.
  int waiting = feed.waiters();
  while (waiting < count && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(1));
    waiting = feed.waiters();
  }
  ASSERT_GE(waiting, count) << "no thread blocked in WaitBeyond";
}

IdentityNormalizer PortugalNormalizer() {
  absl::StatusOr<IdentityNormalizer> normalizer = IdentityNormalizer::Create("PT");
  if (!normalizer.ok()) {
    ADD_FAILURE() << normalizer.status();
    std::abort();
  }
  return *std::move(normalizer);
}

Identity Email(const std::string& value) { return Identity{IdentityKind::kEmail, value}; }
Identity Phone(const std::string& value) { return Identity{IdentityKind::kPhone, value}; }

Identity Verified(Identity identity) {
  identity.trust = IdentityTrust::kVerified;
  return identity;
}

Interaction Message(const std::string& external_id) {
  Interaction interaction;
  interaction.channel = "email";
  interaction.kind = InteractionKind::kMessage;
  interaction.direction = Direction::kInbound;
  interaction.occur_time = absl::FromUnixSeconds(1788772462);
  interaction.subject = "About order " + external_id;
  interaction.body = "Hello";
  interaction.source = "test";
  interaction.external_id = external_id;
  return interaction;
}

RecordRequest RecordFor(const std::string& external_id, std::vector<Identity> identities,
                        const std::string& display_name) {
  RecordRequest request;
  request.interaction = Message(external_id);
  request.identities = std::move(identities);
  request.customer_display_name = display_name;
  return request;
}

}  // namespace cxhub
