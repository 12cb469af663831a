// Hostile JSON lines for the connectors that read one JSON object per line (chat's Chatwoot
// events, social's Mastodon entities), and what a warm read of one (warm_read.h) must show.
// Header-only.
#ifndef CXHUB_TESTS_PLUGINS_HOSTILE_JSON_LINES_H_
#define CXHUB_TESTS_PLUGINS_HOSTILE_JSON_LINES_H_

#include <cstddef>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cxhub/connector_limits.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/resident_size.h"
#include "tests/plugins/warm_read.h"

namespace cxhub::test {

// `depth` nested JSON arrays, "[[[...]]]": valid JSON that no mapper expects.
inline std::string NestedJsonArrays(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// A valid JSON object of more than `bytes` bytes: {"padding":"xxx..."}.
inline std::string LongJsonLine(size_t bytes) {
  return absl::StrCat(R"({"padding":")", std::string(bytes, 'x'), R"("})");
}

// What one hostile line may add to the peak resident size of a warm plugin: buffering a 16 MiB
// line, or a mapping quadratic in its size, takes more.
inline constexpr long kHostileLineGrowthKib = 8 * 1024 * kResidentBoundScale;

// Expects the warm read of a hostile line followed by the line of `next_id` to have made one dead
// letter whose reason contains `reason` and whose raw data is at most the 64 KiB line limit, then
// read the next line, all within kHostileLineGrowthKib.
inline void ExpectDeadLetterThenNextLine(const WarmRead& read, absl::string_view reason,
                                         absl::string_view next_id) {
  ASSERT_TRUE(read.log.status.ok()) << read.log.status;
  ASSERT_EQ(read.log.dead_letters.size(), 1u);
  EXPECT_THAT(read.log.dead_letters[0].reason, ::testing::HasSubstr(reason));
  EXPECT_LE(read.log.dead_letters[0].raw.size(), size_t{64 * 1024});
  EXPECT_THAT(read.log.ExternalIds(), ::testing::Contains(std::string(next_id)));
  EXPECT_LT(read.peak_growth_kib, kHostileLineGrowthKib);
}

// Expects the warm read of a line with enormous string fields followed by the line of `next_id`
// to have made the record `clipped_id` with its body of at least `body_bytes` kept and its sender's
// name clipped to the host's field limit (marked in "clipped"), no dead letter, and read the next
// line, all within kHostileLineGrowthKib.
inline void ExpectClippedNameThenNextLine(const WarmRead& read, absl::string_view clipped_id,
                                          size_t body_bytes, absl::string_view next_id) {
  ASSERT_TRUE(read.log.status.ok()) << read.log.status;
  EXPECT_THAT(read.log.dead_letters, ::testing::IsEmpty());
  EXPECT_THAT(read.log.ExternalIds(), ::testing::Contains(std::string(next_id)));
  bool found = false;
  for (const auto& record : read.log.records) {
    if (record.interaction().external_id() != clipped_id) continue;
    found = true;
    EXPECT_GE(record.interaction().body().size(), body_bytes);
    EXPECT_LE(record.interaction().customer_display_name().size(), size_t{CXHUB_LIMIT_FIELD_BYTES});
    EXPECT_THAT(record.interaction().attributes().at("clipped"),
                ::testing::HasSubstr("customer_display_name"));
  }
  EXPECT_TRUE(found) << "no record " << clipped_id;
  EXPECT_LT(read.peak_growth_kib, kHostileLineGrowthKib);
}

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_PLUGINS_HOSTILE_JSON_LINES_H_
