// Customers and interactions of realistic shape for the analytics benchmark, each a pure
// function of its index, so the Store path and the raw INSERT baseline write the same rows.
#ifndef CXHUB_BENCHMARKS_ANALYTICS_INTERACTION_GENERATOR_H_
#define CXHUB_BENCHMARKS_ANALYTICS_INTERACTION_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/core/model.h"
#include "server/core/store.h"

namespace cxhub::bench {

// The channels interactions arrive on, most frequent first.
const std::vector<std::string>& GeneratedChannels();

// A well-mixed 64-bit value of `n` (splitmix64), so that the choices look random but repeat.
// Choices taken from different bits of one value are independent of each other.
uint64_t Mix(uint64_t n);

// The first interaction's time; interactions spread evenly over kGeneratedSpan after it.
absl::Time GeneratedStart();
inline constexpr absl::Duration kGeneratedSpan = absl::Hours(24 * 120);

// Customer `n` (0-based) with two or three identities (email, phone, some a chat contact).
Customer GeneratedCustomer(int64_t n);

// Inserts GeneratedCustomer(0) to GeneratedCustomer(count - 1), `per_write` in each write
// transaction; returns their ids in that order.
absl::StatusOr<std::vector<CustomerId>> InsertGeneratedCustomers(Store& store, int64_t count,
                                                                 int64_t per_write);

// Interaction `n` of `total`, for one of `customers` (ids of GeneratedCustomer 0..size-1) at
// one of `touchpoints`: mostly messages in threads, 20% survey answers (NPS, CSAT, CES in turn)
// always at a touchpoint (NPS detractors with a comment), 5% purchases (a quarter in USD, the
// rest in EUR), calls on the phone, visits on the web, and 1% of messages with a mentioned score.
// Message bodies are complaints, questions and thanks in English, Portuguese, Spanish, German and
// French. Deterministic in its arguments.
Interaction GeneratedInteraction(int64_t n, int64_t total, const std::vector<CustomerId>& customers,
                                 const std::vector<TouchpointId>& touchpoints);

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_ANALYTICS_INTERACTION_GENERATOR_H_
