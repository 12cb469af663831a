// How many times a piece of markup occurs in a document: the tests' way of counting elements.
#ifndef CXHUB_TESTS_CXCTL_REPORT_OCCURRENCES_H_
#define CXHUB_TESTS_CXCTL_REPORT_OCCURRENCES_H_

#include <string>

namespace cxhub::cxctl {

// The occurrences of `what` in `text`, overlapping ones included.
inline int Occurrences(const std::string& text, const std::string& what) {
  int count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace cxhub::cxctl

#endif  // CXHUB_TESTS_CXCTL_REPORT_OCCURRENCES_H_
