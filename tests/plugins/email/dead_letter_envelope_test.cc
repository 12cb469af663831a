// The header field an email dead letter carries for its retry
// (plugins/email/dead_letter_envelope.h).
#include "plugins/email/dead_letter_envelope.h"

#include <string>

#include "gtest/gtest.h"

namespace cxhub::email {
namespace {

TEST(DeadLetterEnvelope, RoundTripsWithASourcePathHoldingTheSeparator) {
  DeadLetterEnvelope envelope;
  envelope.message_bytes = 12;
  envelope.fallback_time = 1789000000;
  envelope.fallback_time_source = "maildir_filename";
  envelope.source = "maildir:/srv/mail/a; b=c";
  const std::string raw = SealDeadLetter(envelope, "From: a@b\n\nhi\n", 1 << 20);
  const OpenedDeadLetter opened = OpenDeadLetter(raw);
  ASSERT_TRUE(opened.envelope.has_value());
  EXPECT_EQ(opened.envelope->message_bytes, 12u);
  EXPECT_EQ(opened.envelope->fallback_time, 1789000000);
  EXPECT_EQ(opened.envelope->fallback_time_source, "maildir_filename");
  EXPECT_EQ(opened.envelope->source, "maildir:/srv/mail/a; b=c");
  EXPECT_EQ(opened.message, "From: a@b\n\nhi\n");
}

TEST(DeadLetterEnvelope, KeepsOnlyWhatFitsAndMayHaveNoFallbackTime) {
  DeadLetterEnvelope envelope;
  envelope.message_bytes = 5000;
  envelope.source = "mbox:/var/mail/support";
  const std::string raw = SealDeadLetter(envelope, std::string(5000, 'x'), 200);
  EXPECT_EQ(raw.size(), 200u);
  const OpenedDeadLetter opened = OpenDeadLetter(raw);
  ASSERT_TRUE(opened.envelope.has_value());
  EXPECT_FALSE(opened.envelope->fallback_time.has_value());
  EXPECT_EQ(opened.envelope->message_bytes, 5000u);
  EXPECT_LT(opened.message.size(), 200u);
}

TEST(DeadLetterEnvelope, RawDataWithoutAWellFormedFieldIsAllMessage) {
  for (const std::string raw : {"From: a@b\n\nhi\n", "X-Cxhub-Dead-Letter: bytes=x\n\nhi\n",
                                "X-Cxhub-Dead-Letter: bytes=1; no newline"}) {
    const OpenedDeadLetter opened = OpenDeadLetter(raw);
    EXPECT_FALSE(opened.envelope.has_value()) << raw;
    EXPECT_EQ(opened.message, raw);
  }
}

}  // namespace
}  // namespace cxhub::email
