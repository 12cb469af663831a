// Parse rate of the social connector's parser alone, on a generated file of Mastodon statuses.
//
//   social_parse_benchmark [statuses] [file]
//
// Writes `statuses` (default 100000) Status lines shaped like the sample's (account object,
// mention and link HTML, entities, every third a reply, every tenth with media, every fiftieth a
// mention Notification) to `file` (default a temporary file, removed afterwards), reads it back
// into memory, and times, over every line:
//   parse         MastodonEntityParser::Parse (simdjson DOM and field checks)
//   parse + map   StatusMapper::Map (plus HTML to text, handles, threads, the Record built)
// printing MB/s and records/s for each (no baseline). No file I/O is timed.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "benchmarks/harness/count_argument.h"
#include "benchmarks/harness/generated_lines_file.h"
#include "benchmarks/harness/result_table.h"
#include "benchmarks/harness/timed_run.h"
#include "plugins/social/mastodon_entity.h"
#include "plugins/social/status_mapper.h"

namespace {

std::string Account(int user) {
  const bool local = user % 3 == 0;
  const std::string name = absl::StrCat("user", user);
  const std::string host =
      local ? "mastodon.example" : absl::StrCat("instance", user % 7, ".example");
  return absl::StrCat(
      R"({"id":")", 109000000000000000 + user, R"(","username":")", name, R"(","acct":")",
      local ? name : absl::StrCat(name, "@", host), R"(","display_name":"User )", user,
      R"(","locked":false,"bot":false,"discoverable":true,"group":false,)",
      R"("created_at":"2022-12-16T00:00:00.000Z","note":"<p>Trail runner &amp; tea person.</p>",)",
      R"("url":"https://)", host, "/@", name, R"(","uri":"https://)", host, "/users/", name,
      R"(","avatar":"https://mastodon.example/system/accounts/avatars/original/3f2c9d1e.png",)",
      R"("followers_count":389,"following_count":301,"statuses_count":2417,"emojis":[],"fields":[]})");
}

std::string Status(int64_t n) {
  const int64_t id = 117234175843915065 + n * 1000;
  const int user = static_cast<int>(n % 500);
  const bool brand = n % 5 == 1;
  const bool reply = n % 3 == 2;
  const std::string media =
      n % 10 == 0
          ? R"([{"id":"1","type":"image","url":"https://mastodon.example/media/original/7e21.jpeg","preview_url":"https://mastodon.example/media/small/7e21.jpeg","meta":{"original":{"width":1600,"height":1200}},"description":"A blue backpack on a rock."}])"
          : "[]";
  const std::string account =
      brand
          ? R"({"id":"109318823170054321","username":"northwind","acct":"northwind","display_name":"Northwind Outfitters","url":"https://mastodon.example/@northwind"})"
          : Account(user);
  std::string status = absl::StrCat(
      R"({"id":")", id, R"(","created_at":"2026-09-08T07:12:40.118Z","in_reply_to_id":)",
      reply ? absl::StrCat("\"", id - 1000, "\"") : "null", R"(,"in_reply_to_account_id":)",
      reply ? absl::StrCat("\"", 109000000000000000 + user, "\"") : "null",
      R"(,"sensitive":false,"spoiler_text":"","visibility":")", n % 4 == 0 ? "direct" : "public",
      R"(","language":"en","uri":"https://mastodon.example/users/u/statuses/)", id,
      R"(","url":"https://mastodon.example/@u/)", id,
      R"(","replies_count":1,"reblogs_count":0,"favourites_count":2,"edited_at":null,)",
      R"("content":"<p><span class=\"h-card\" translate=\"no\"><a href=\"https://mastodon.example/@northwind\" class=\"u-url mention\">@<span>northwind</span></a></span> my order (NW-)",
      10000 + n,
      R"() has been stuck on &quot;label created&quot; for a week. I&#39;d like it before Saturday &amp; the trip. See <a href=\"https://northwind.example/help\" rel=\"nofollow noopener\"><span class=\"invisible\">https://</span><span class=\"\">northwind.example/help</span><span class=\"invisible\"></span></a> <a href=\"https://mastodon.example/tags/customerservice\" class=\"mention hashtag\" rel=\"tag\">#<span>customerservice</span></a></p>",)",
      R"("filtered":[],"reblog":null,"application":null,"account":)", account,
      R"(,"media_attachments":)", media, R"(,"mentions":[{"id":")", 109000000000000000 + user,
      R"(","username":"u","url":"https://instance.example/@u","acct":"user)", user,
      R"(@instance.example"}],"tags":[{"name":"customerservice","url":"https://mastodon.example/tags/customerservice"}],"emojis":[],"card":null,"poll":null})");
  if (n % 50 == 49) {
    status = absl::StrCat(R"({"id":")", n, R"(","type":"mention","group_key":"ungrouped-)", n,
                          R"(","created_at":"2026-09-11T17:45:09.671Z","account":)", Account(user),
                          R"(,"status":)", status, "}");
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<int64_t> statuses_argument =
      cxhub::bench::CountArgument(argc, argv, 100000, "[statuses] [file]");
  if (!statuses_argument.has_value()) return 2;
  const int64_t statuses = *statuses_argument;
  const std::unique_ptr<cxhub::bench::GeneratedLinesFile> file =
      cxhub::bench::GeneratedLinesFile::Write(statuses, Status, argc > 2 ? argv[2] : "", "social");
  if (file == nullptr) return 1;
  const std::vector<absl::string_view>& lines = file->lines();
  const std::string& data = file->data();
  cxhub::bench::ResultTable table(file->Description(), "records");
  const int64_t line_count = static_cast<int64_t>(lines.size());

  cxhub::social::MastodonEntityParser parser;
  int64_t parsed = 0;
  const absl::Duration parse_time = cxhub::bench::TimeIterations(line_count, [&](int64_t i) {
    parsed += parser.Parse(lines[static_cast<size_t>(i)]).ok() ? 1 : 0;
  });
  table.Add({"parse", parsed, parse_time, data.size()});

  cxhub::social::StatusMapper mapper({"mastodon.example", "@northwind@mastodon.example"});
  cxhub::social::ThreadIndex threads(1000);
  int64_t records = 0;
  int64_t dead = 0;
  const absl::Duration map_time = cxhub::bench::TimeIterations(line_count, [&](int64_t i) {
    const cxhub::social::SocialMapping mapping = mapper.Map(lines[static_cast<size_t>(i)], threads);
    records += static_cast<int64_t>(mapping.records.size());
    dead += mapping.kind == cxhub::social::SocialMapping::Kind::kDeadLetter ? 1 : 0;
  });
  table.Add({"parse + map", records, map_time, data.size()});
  table.Print();
  if (parsed != statuses || dead != 0) {
    std::fprintf(stderr, "unexpected: %lld parsed, %lld dead letters\n",
                 static_cast<long long>(parsed), static_cast<long long>(dead));
    return 1;
  }
  return 0;
}
