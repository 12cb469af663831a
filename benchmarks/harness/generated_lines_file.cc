#include "benchmarks/harness/generated_lines_file.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace cxhub::bench {

std::unique_ptr<GeneratedLinesFile> GeneratedLinesFile::Write(
    int64_t count, absl::FunctionRef<std::string(int64_t)> line, std::string path,
    absl::string_view name) {
  const bool temporary = path.empty();
  if (temporary) {
    std::string pattern = absl::StrCat("/tmp/cxhub_", name, "_bench_XXXXXX");
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      std::fprintf(stderr, "cannot make a temporary file %s\n", pattern.c_str());
      return nullptr;
    }
    close(fd);
    path = pattern;
  }
  std::unique_ptr<GeneratedLinesFile> file(new GeneratedLinesFile(std::move(path), temporary));
  {
    std::ofstream out(file->path_, std::ios::binary | std::ios::trunc);
    for (int64_t n = 0; n < count; ++n) out << line(n) << '\n';
    if (!out.good()) {
      std::fprintf(stderr, "cannot write %s\n", file->path_.c_str());
      return nullptr;
    }
  }
  std::ifstream in(file->path_, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!in.good()) {
    std::fprintf(stderr, "cannot read %s\n", file->path_.c_str());
    return nullptr;
  }
  file->data_ = contents.str();
  file->lines_ = absl::StrSplit(file->data_, '\n', absl::SkipEmpty());
  return file;
}

GeneratedLinesFile::~GeneratedLinesFile() {
  if (temporary_) unlink(path_.c_str());
}

std::string GeneratedLinesFile::Description() const {
  return absl::StrFormat("%zu lines, %.1f MB (%s)", lines_.size(),
                         static_cast<double>(data_.size()) / 1e6,
                         temporary_ ? "temporary file" : path_.c_str());
}

}  // namespace cxhub::bench
