#include "tests/sources/channel_records.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace cxhub::testing {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kStart = 1790935200;  // 2026-10-02T10:00:00Z

std::string Rfc3339(int64_t seconds, int millis) {
  return absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(seconds), absl::UTCTimeZone()),
      ".", absl::Dec(millis, absl::kZeroPad3), "Z");
}

void WriteMbox(std::ostream& out, int first, int count, int customers) {
  for (int i = first; i < first + count; ++i) {
    const absl::Time at = absl::FromUnixSeconds(kStart + i);
    out << "From customer" << i % customers << "@example.com "
        << absl::FormatTime("%a %b %e %H:%M:%S %Y", at, absl::UTCTimeZone()) << "\n"
        << "From: Customer " << i % customers << " <customer" << i % customers << "@example.com>\n"
        << "To: support@northwind.example\n"
        << "Subject: Order NW-" << 100000 + i << "\n"
        << "Date: " << absl::FormatTime("%a, %e %b %Y %H:%M:%S +0000", at, absl::UTCTimeZone())
        << "\n"
        << "Message-ID: <bench." << i << "@example.com>\n"
        << "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
        << "Hello, where is my order NW-" << 100000 + i << "? It was due yesterday.\n"
        << ">From the tracking page I cannot tell.\nThanks\n\n";
  }
}

void WriteMasterCsv(std::ostream& out, int first, int count, int customers) {
  for (int i = first; i < first + count; ++i) {
    const absl::Time at = absl::FromUnixSeconds(kStart + i);
    const std::string number = absl::StrCat(912000000 + i % customers);
    const auto local = [&](absl::Duration after) {
      return absl::FormatTime("%Y-%m-%d %H:%M:%S", at + after,
                              absl::FixedTimeZone(3600));  // Europe/Lisbon in October.
    };
    out << "\"\",\"" << number << "\",\"100\",\"from-trunk\",\"\"\"Customer\"\" <" << number
        << ">\",\"PJSIP/trunk-1\",\"PJSIP/101-2\",\"Dial\",\"PJSIP/101,30,tT\",\""
        << local(absl::ZeroDuration()) << "\",\"" << local(absl::Seconds(5)) << "\",\""
        << local(absl::Seconds(65)) << "\",65,60,\"ANSWERED\",\"DOCUMENTATION\",\"" << kStart + i
        << "." << i << "\",\"\"\n";
  }
}

void WriteChatwoot(std::ostream& out, int first, int count, int customers) {
  for (int i = first; i < first + count; ++i) {
    const int c = i % customers;
    const std::string contact = absl::StrCat(
        R"({"id":)", 10000 + c, R"(,"name":"Customer )", c, R"(","email":"customer)", c,
        R"(@example.com","phone_number":null,)", R"("identifier":null,"type":"contact"})");
    out << R"({"event":"message_created","account":{"id":7,"name":"Northwind Outfitters"},"id":)"
        << 500000 + i << R"(,"content":"Hi, is order NW-)" << 100000 + i
        << R"( on its way?","content_type":"text","message_type":"incoming","private":false,)"
        << R"("created_at":")" << Rfc3339(kStart + i, i % 1000) << R"(","conversation":{"id":)"
        << 20000 + c << R"(,"inbox_id":12,"status":"open","meta":{"sender":)" << contact
        << R"(}},"inbox":{"id":12,"name":"Northwind Website"},"sender":)" << contact << "}\n";
  }
}

void WriteMastodon(std::ostream& out, int first, int count, int customers) {
  for (int i = first; i < first + count; ++i) {
    const int c = i % customers;
    out << R"({"id":")" << 118000000000000000LL + i << R"(","created_at":")"
        << Rfc3339(kStart + i, i % 1000)
        << R"(","in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,)"
        << R"("spoiler_text":"","visibility":"public","language":"en","uri":"https://social.example/s/)"
        << i
        << R"(","content":"<p><span class=\"h-card\"><a href=\"https://mastodon.example/@northwind\" )"
        << R"(class=\"u-url mention\">@<span>northwind</span></a></span> where is order NW-)"
        << 100000 + i << R"( &amp; why?</p>","reblog":null,"account":{"id":")" << 300000 + c
        << R"(","username":"user)" << c << R"(","acct":"user)" << c
        << R"(@social.example","display_name":"User )" << c
        << R"(","url":"https://social.example/@user)" << c
        << R"("},"media_attachments":[],"mentions":[{"id":"1","username":"northwind",)"
        << R"("url":"https://mastodon.example/@northwind","acct":"northwind"}],"tags":[]})"
        << "\n";
  }
}

}  // namespace

void ChannelSource::Append(const fs::path& path, int first, int count, int customers) const {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  write(out, first, count, customers);
}

std::string ChannelSource::OptionsFor(const fs::path& path, const std::string& extra) const {
  return absl::StrCat(source_key, "=", path.string(), "\n", options, extra);
}

const std::vector<ChannelSource>& ChannelSources() {
  static const std::vector<ChannelSource>* const sources = new std::vector<ChannelSource>{
      {"email", "cxhub_email.so",
       "business_address=support@northwind.example\nbusiness_domain=northwind.example\n", "mbox",
       "support.mbox", WriteMbox},
      {"phone", "cxhub_phone.so", "default_region=PT\ntimezone=Europe/Lisbon\nextensions=1XX\n",
       "file", "Master.csv", WriteMasterCsv},
      {"chat", "cxhub_chat.so", "account_id=7\n", "file", "chatwoot.jsonl", WriteChatwoot},
      {"social", "cxhub_social.so",
       "instance=mastodon.example\nbrand_account=@northwind@mastodon.example\n", "file",
       "mastodon.jsonl", WriteMastodon},
  };
  return *sources;
}

}  // namespace cxhub::testing
