#include "clients/cxctl/comment_summary.h"

#include <algorithm>

namespace cxhub::cxctl {

std::string FirstSentence(const std::string& comment) {
  std::string flat = comment;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  const size_t end = flat.find(". ");
  if (end != std::string::npos) flat.resize(end + 1);
  return flat;
}

}  // namespace cxhub::cxctl
