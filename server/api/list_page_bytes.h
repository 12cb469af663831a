// Fills the page of a List response within load_limits.max_list_page_bytes: every List RPC
// that returns a page builds it here, so a page of large items (long interactions, customers
// with many identities) stays below the cap whatever the page_size asked for.
#ifndef CXHUB_SERVER_API_LIST_PAGE_BYTES_H_
#define CXHUB_SERVER_API_LIST_PAGE_BYTES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "google/protobuf/message_lite.h"

namespace cxhub {

// The bytes an item adds to a page: a message's encoded size, a string's length.
inline size_t PageItemBytes(const google::protobuf::MessageLite& message) {
  return message.ByteSizeLong();
}
inline size_t PageItemBytes(const std::string& text) { return text.size(); }

// Appends `items` to `page` (a repeated field of the response) with `to_proto(item, added)`,
// and stops before the page grows past `max_page_bytes`, with at least one item so that paging
// always moves; the rest comes with the next page. Returns the next page token,
// `token_after(last item on the page)`, when the store has more (`has_more`) or the page was
// cut short, else "" (the last page).
template <typename Item, typename RepeatedField, typename ToProto, typename TokenAfter>
std::string FillListPage(const std::vector<Item>& items, bool has_more, size_t max_page_bytes,
                         RepeatedField* page, ToProto to_proto, TokenAfter token_after) {
  size_t added = 0;
  size_t page_bytes = 0;
  for (const Item& item : items) {
    auto* entry = page->Add();
    to_proto(item, entry);
    page_bytes += PageItemBytes(*entry);
    if (added > 0 && page_bytes > max_page_bytes) {
      page->RemoveLast();
      break;
    }
    ++added;
  }
  if (added == 0 || (!has_more && added == items.size())) return std::string();
  return token_after(items[added - 1]);
}

}  // namespace cxhub

#endif  // CXHUB_SERVER_API_LIST_PAGE_BYTES_H_
