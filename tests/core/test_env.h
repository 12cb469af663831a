// What the core tests run on: a real SQLite store in a fresh temporary directory, a clock
// that moves, and small builders for requests.
#ifndef CXHUB_TESTS_CORE_TEST_ENV_H_
#define CXHUB_TESTS_CORE_TEST_ENV_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/core/clock.h"
#include "server/core/identity_normalizer.h"
#include "server/core/interaction_feed.h"
#include "server/core/interaction_log.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub {

// A clock that starts at a fixed time and moves one second on every Now(), so every
// timestamp differs. Thread-safe.
class SteppingClock : public Clock {
 public:
  absl::Time Now() override {
    absl::MutexLock lock(&mu_);
    now_ += absl::Seconds(1);
    return now_;
  }

 private:
  absl::Mutex mu_;
  absl::Time now_ = absl::FromUnixSeconds(1788771600);  // 2026-09-07 09:00 UTC.
};

// Owns a temporary directory and a fresh store: SQLite in that directory, or, when
// CXHUB_CORE_TEST_STORE=mysql (ctest's core.mysql.* runs), a fresh database on the MySQL server
// of CXHUB_TEST_MYSQL, dropped on destruction. Without that server the test skips (or fails
// under CXHUB_REQUIRE_ALL=1) before it runs, so declare it as a fixture member.
class TempStore {
 public:
  TempStore();
  ~TempStore();
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  Store& store() { return *store_; }
  const std::string& dir() const { return dir_; }

  // A customer with only a display name, written in its own transaction; 0 (and a test
  // failure) if it could not be.
  CustomerId InsertCustomerNamed(const std::string& display_name);
  // `interaction` as given, in its own transaction; 0 (and a test failure) if it could not be.
  InteractionId InsertInteractionAsIs(const Interaction& interaction);

 private:
  void Open();

  std::string dir_;
  std::shared_ptr<void> backend_;  // A testing::StoreBackend (store_backends.h).
  std::unique_ptr<Store> store_;
};

// Waits (up to 30 s) until `count` threads are in feed.WaitBeyond; fails the test otherwise.
// A thread woken by a Publish still counts until it returns: to know it blocked again, wait
// first for what it does after returning.
void WaitForWaiters(InteractionFeed& feed, int count);

// The normalizer the samples assume (default region PT).
IdentityNormalizer PortugalNormalizer();

Identity Email(const std::string& value);
Identity Phone(const std::string& value);
// `identity` asserted as proved by its channel (IdentityTrust::kVerified): what merges
// customers under the default trust policy.
Identity Verified(Identity identity);

// An inbound email message with the given idempotency key and no customer yet.
Interaction Message(const std::string& external_id);

// A request recording Message(external_id) for whoever owns `identities`.
RecordRequest RecordFor(const std::string& external_id, std::vector<Identity> identities,
                        const std::string& display_name = "");

}  // namespace cxhub

#endif  // CXHUB_TESTS_CORE_TEST_ENV_H_
