// Follows a List RPC's next_page_token through every page, for tests of paging: what each page
// held, by item name.
#ifndef CXHUB_TESTS_INTEGRATION_LIST_PAGES_H_
#define CXHUB_TESTS_INTEGRATION_LIST_PAGES_H_

#include <set>
#include <string>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace cxhub {

struct ListedPages {
  std::vector<std::vector<std::string>> pages;  // The names on each page, in order.

  // Every name, page after page.
  std::vector<std::string> names() const {
    std::vector<std::string> all;
    for (const std::vector<std::string>& page : pages)
      all.insert(all.end(), page.begin(), page.end());
    return all;
  }

  // Each page holds exactly one item, and no item comes twice.
  bool EveryPageHoldsOneDistinctItem() const {
    std::set<std::string> seen;
    for (const std::vector<std::string>& page : pages) {
      if (page.size() != 1 || !seen.insert(page[0]).second) return false;
    }
    return !pages.empty();
  }
};

// The names of the items of a repeated message field.
template <typename RepeatedItems>
std::vector<std::string> NamesOf(const RepeatedItems& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name());
  return names;
}

// Lists with `request` (page_size 100, so that only a byte cap cuts a page short) until a page
// comes without a next_page_token: `list(request, &response)` makes the call, `names(response)`
// reads a page. A failed call fails the test and ends the listing; so do 1000 pages.
template <typename Request, typename Response, typename List, typename Names>
ListedPages ListEveryPage(Request request, List list, Names names) {
  ListedPages listed;
  request.set_page_size(100);
  std::string token;
  do {
    request.set_page_token(token);
    Response page;
    const grpc::Status status = list(request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    listed.pages.push_back(names(page));
    token = page.next_page_token();
  } while (!token.empty() && listed.pages.size() < 1000);
  return listed;
}

}  // namespace cxhub

#endif  // CXHUB_TESTS_INTEGRATION_LIST_PAGES_H_
