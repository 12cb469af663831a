// hostile_mail_benchmark <email plugin .so> <case>: one hostile input read once by the email
// plugin through the host's plugin loader, in a fresh Maildir; prints what came out, the time and
// the peak resident size of the process (VmHWM). Run one case per process so that the peak is the
// case's own. Cases: blockquote, fanout, defects, oversized (tests/plugins/email/hostile_mail.h)
// and burst (5,000 files delivered into new/ at once).
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "benchmarks/harness/stopwatch.h"
#include "server/connectors/plugin_loader.h"
#include "tests/plugins/email/hostile_mail.h"
#include "tests/plugins/resident_size.h"

namespace {

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string MakeMaildir(const std::string& name) {
  char pattern[] = "/tmp/cxhub_hostile_XXXXXX";
  const std::string root = absl::StrCat(mkdtemp(pattern), "/Maildir");
  for (const char* folder : {"", "/new", "/cur", "/tmp"}) mkdir((root + folder).c_str(), 0700);
  if (name == "burst") {
    for (int i = 0; i < 5000; ++i) {
      WriteFile(absl::StrCat(root, "/new/1789000000.M", i, "P42.host"),
                cxhub::email::test::PlainCustomerMail(absl::StrCat("burst-", i)));
    }
  } else {
    WriteFile(root + "/new/1789000000.M1P42.host", cxhub::email::test::HostileMail(name));
  }
  return root;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <cxhub_email.so> <case>\n", argv[0]);
    return 2;
  }
  const std::string root = MakeMaildir(argv[2]);
  const long rss_before = cxhub::test::PeakResidentKib();
  absl::StatusOr<cxhub::plugins::LoadedPlugin> plugin = cxhub::plugins::LoadPlugin(argv[1]);
  if (!plugin.ok()) return std::fprintf(stderr, "%s\n", plugin.status().ToString().c_str()), 1;
  absl::StatusOr<cxhub::plugins::PluginInstance> instance = plugin->Open(absl::StrCat(
      "maildir=", root, "\nbusiness_address=support@northwind.example\ncheckpoint_every=100000\n"));
  if (!instance.ok()) return std::fprintf(stderr, "%s\n", instance.status().ToString().c_str()), 1;
  size_t records = 0, dead_letters = 0, record_bytes = 0, cursor_bytes = 0;
  cxhub::plugins::ReadCallbacks callbacks;
  callbacks.on_record = [&](absl::string_view bytes) {
    ++records;
    record_bytes += bytes.size();
    return true;
  };
  callbacks.on_dead_letter = [&](absl::string_view, absl::string_view) {
    ++dead_letters;
    return true;
  };
  callbacks.on_checkpoint = [&](absl::string_view cursor) {
    cursor_bytes = std::max(cursor_bytes, cursor.size());
    return true;
  };
  cxhub::bench::Stopwatch stopwatch;
  const absl::Status status = instance->Read("", callbacks);
  const double seconds = absl::ToDoubleSeconds(stopwatch.Elapsed());
  std::printf(
      "%-10s status=%s records=%zu record_bytes=%zu dead_letters=%zu cursor_bytes=%zu "
      "time_ms=%.1f peak_rss_kib=%ld (before read %ld)\n",
      argv[2], status.ok() ? "OK" : std::string(status.message()).c_str(), records, record_bytes,
      dead_letters, cursor_bytes, seconds * 1000, cxhub::test::PeakResidentKib(), rss_before);
  std::system(absl::StrCat("rm -rf '", root.substr(0, root.size() - 8), "'").c_str());
  return 0;
}
