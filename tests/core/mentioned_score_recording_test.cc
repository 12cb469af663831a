// The one ingestion path keeps the rating an inbound message or post mentions, on the real
// SQLite store: on insert and when a correction replaces the message, never on what the
// business writes nor on calls.
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/interaction_log.h"
#include "tests/core/test_env.h"

namespace cxhub {
namespace {

class MentionedScoreRecordingTest : public ::testing::Test {
 protected:
  Interaction MustRecord(const RecordRequest& request) {
    absl::StatusOr<RecordResult> result = log_.Record(request);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->interaction : Interaction{};
  }

  // The stored row, as every read returns it.
  Interaction Stored(InteractionId id) {
    Interaction stored;
    const absl::Status status = db_.store().Read([&](StoreReader& reader) -> absl::Status {
      absl::StatusOr<Interaction> found = reader.GetInteraction(id);
      if (!found.ok()) return found.status();
      stored = *std::move(found);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return stored;
  }

  static RecordRequest Saying(const std::string& external_id, const std::string& body) {
    RecordRequest request = RecordFor(external_id, {Email("tom.becker@example.de")});
    request.interaction.body = body;
    return request;
  }

  TempStore db_;
  SteppingClock clock_;
  IdentityNormalizer normalizer_ = PortugalNormalizer();
  InteractionFeed feed_;
  InteractionLog log_{db_.store(), normalizer_, clock_, feed_, ConflictPolicy::kMerge};
};

TEST_F(MentionedScoreRecordingTest, AnInboundMessageKeepsTheScoreItMentions) {
  const Interaction recorded =
      MustRecord(Saying("m1", "If you want feedback: I'd give you 8 out of 10. Thanks"));
  const Interaction stored = Stored(recorded.id);
  ASSERT_TRUE(stored.mentioned_score.has_value());
  EXPECT_EQ(stored.mentioned_score->metric, SurveyMetric::kNps);
  EXPECT_EQ(stored.mentioned_score->score, 8);
  EXPECT_EQ(stored.mentioned_score->scale, 10);
  EXPECT_EQ(stored.mentioned_score->quote, "give you 8 out of 10");
  EXPECT_FALSE(stored.survey.has_value()) << "a mentioned score is no survey answer";

  RecordRequest post = Saying("p1", "Five stars!");
  post.interaction.kind = InteractionKind::kPost;
  post.interaction.channel = "social";
  const Interaction stored_post = Stored(MustRecord(post).id);
  ASSERT_TRUE(stored_post.mentioned_score.has_value());
  EXPECT_EQ(stored_post.mentioned_score->metric, SurveyMetric::kCsat);
  EXPECT_EQ(stored_post.mentioned_score->score, 5);

  RecordRequest subject = Saying("m2", "See the subject.");
  subject.interaction.subject = "10/10 for the fast answer";
  EXPECT_EQ(Stored(MustRecord(subject).id).mentioned_score->score, 10);
}

TEST_F(MentionedScoreRecordingTest, OutboundMessagesCallsAndPlainTextsHaveNone) {
  RecordRequest outbound = Saying("out", "Would you give us 10/10?");
  outbound.interaction.direction = Direction::kOutbound;
  EXPECT_FALSE(Stored(MustRecord(outbound).id).mentioned_score.has_value());

  RecordRequest call = Saying("call", "10/10");
  call.interaction.kind = InteractionKind::kCall;
  call.interaction.channel = "phone";
  EXPECT_FALSE(Stored(MustRecord(call).id).mentioned_score.has_value());

  EXPECT_FALSE(Stored(MustRecord(Saying("plain", "Order NW-10482, 2 out of 3 items")).id)
                   .mentioned_score.has_value());
}

TEST_F(MentionedScoreRecordingTest, AnEditedMessageGetsTheScoreOfItsNewText) {
  const Interaction first = MustRecord(Saying("chat-1", "Thanks!"));
  EXPECT_FALSE(Stored(first.id).mentioned_score.has_value());

  RecordRequest edit = Saying("chat-1", "Thanks! 9/10");
  edit.replaces_earlier = true;
  MustRecord(edit);
  const Interaction edited = Stored(first.id);
  ASSERT_TRUE(edited.mentioned_score.has_value());
  EXPECT_EQ(edited.mentioned_score->score, 9);

  edit.interaction.body = "Thanks!";
  MustRecord(edit);
  EXPECT_FALSE(Stored(first.id).mentioned_score.has_value())
      << "a correction that drops the score drops it";

  // A replay that does not replace leaves the stored score alone.
  MustRecord(Saying("chat-1", "0/10"));
  EXPECT_FALSE(Stored(first.id).mentioned_score.has_value());
}

}  // namespace
}  // namespace cxhub
