// Records in each shipped channel's real format (an mboxrd file, an Asterisk Master.csv,
// Chatwoot message_created payloads, Mastodon statuses), numbered, for sources that tests and
// benchmarks write and grow: record i of a channel always reads the same, names customer
// i % customers, and becomes the interaction with the channel plugin's external id for i.
#ifndef CXHUB_TESTS_SOURCES_CHANNEL_RECORDS_H_
#define CXHUB_TESTS_SOURCES_CHANNEL_RECORDS_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace cxhub::testing {

struct ChannelSource {
  std::string name;        // The connector instance's name in the examples: email, phone, ...
  std::string plugin;      // The shipped plugin's file: cxhub_email.so, ...
  std::string options;     // Its options but the source, one key=value per line.
  std::string source_key;  // The option naming the source file: mbox, file.
  std::string file;        // A file name for the source.
  // Writes records [first, first + count) to `out`.
  void (*write)(std::ostream& out, int first, int count, int customers);

  // Appends records [first, first + count) to `path`, creating it when missing.
  void Append(const std::filesystem::path& path, int first, int count, int customers) const;

  // The connector's options with `path` as its source and `extra` (key=value lines) after.
  std::string OptionsFor(const std::filesystem::path& path, const std::string& extra = "") const;
};

// The four channels, each with what its plugin needs to read the records above.
const std::vector<ChannelSource>& ChannelSources();

}  // namespace cxhub::testing

#endif  // CXHUB_TESTS_SOURCES_CHANNEL_RECORDS_H_
