// A generated file of lines that a benchmark writes, reads back into memory and times its work
// on: written to the path the user gave, or to a temporary file removed when this is destroyed.
#ifndef CXHUB_BENCHMARKS_HARNESS_GENERATED_LINES_FILE_H_
#define CXHUB_BENCHMARKS_HARNESS_GENERATED_LINES_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace cxhub::bench {

class GeneratedLinesFile {
 public:
  // Writes `count` lines, line(0) to line(count - 1) each followed by a newline, to `path` (empty:
  // a temporary file named after `name`), and reads the file back. nullptr, after printing why
  // on stderr, when the file cannot be written or read.
  static std::unique_ptr<GeneratedLinesFile> Write(int64_t count,
                                                   absl::FunctionRef<std::string(int64_t)> line,
                                                   std::string path, absl::string_view name);
  ~GeneratedLinesFile();
  GeneratedLinesFile(const GeneratedLinesFile&) = delete;
  GeneratedLinesFile& operator=(const GeneratedLinesFile&) = delete;

  const std::string& path() const { return path_; }
  // The whole file, and its non-empty lines (views into it, without newlines).
  const std::string& data() const { return data_; }
  const std::vector<absl::string_view>& lines() const { return lines_; }
  // "<N> lines, <MB> MB (temporary file)" or "(<path>)", for a table's title.
  std::string Description() const;

 private:
  GeneratedLinesFile(std::string path, bool temporary)
      : path_(std::move(path)), temporary_(temporary) {}

  std::string path_;
  bool temporary_;
  std::string data_;
  std::vector<absl::string_view> lines_;
};

}  // namespace cxhub::bench

#endif  // CXHUB_BENCHMARKS_HARNESS_GENERATED_LINES_FILE_H_
