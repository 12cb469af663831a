#include "plugins/common/html_to_text.h"

#include <gumbo.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "plugins/common/html_nesting_guard.h"
#include "plugins/common/html_text_layout.h"

namespace cxhub::plugin_common {
namespace {

// Levels the parser adds above the markup's own elements (html, body, an implied tbody and tr).
constexpr int kParserAddedLevels = 8;

// What an element does to the layout, from the options' element lists.
enum class Role : unsigned char { kInline, kLine, kParagraph, kSkipped };

using RoleTable = std::array<Role, GUMBO_TAG_LAST + 1>;

RoleTable MakeRoleTable(const HtmlToTextOptions& options) {
  RoleTable roles;
  roles.fill(Role::kInline);
  const auto assign = [&roles](const std::vector<std::string>& names, Role role) {
    for (const std::string& name : names) {
      const GumboTag tag = gumbo_tag_enum(name.c_str());
      if (tag != GUMBO_TAG_UNKNOWN) roles[tag] = role;
    }
  };
  assign(options.line_elements, Role::kLine);
  assign(options.paragraph_elements, Role::kParagraph);
  for (GumboTag hidden :
       {GUMBO_TAG_HEAD, GUMBO_TAG_TITLE, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_TEMPLATE}) {
    roles[hidden] = Role::kSkipped;
  }
  return roles;
}

// The Gumbo tree of one input, destroyed with the object.
class ParsedHtml {
 public:
  ParsedHtml(absl::string_view html, int max_depth) {
    if (std::optional<std::string> capped = CapHtmlNesting(html, max_depth)) {
      capped_ = std::move(*capped);
      html = capped_;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // the text does not need them
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  }
  ~ParsedHtml() { gumbo_destroy_output(&kGumboDefaultOptions, output_); }
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;

  const GumboNode* root() const { return output_->root; }

 private:
  std::string capped_;  // the input Gumbo reads when CapHtmlNesting changed it
  GumboOutput* output_;
};

// One walk over the tree, depth first, with an explicit stack bounded by the options.
class TextWalk {
 public:
  TextWalk(const HtmlToTextOptions& options, HtmlText& result)
      : options_(options),
        roles_(MakeRoleTable(options)),
        layout_({options.no_break_space_is_space, options.at_most_one_empty_line,
                 options.max_output_bytes, options.max_quote_prefix_levels}),
        result_(result) {}

  void Run(const GumboNode* root) {
    struct Frame {
      const GumboNode* element;
      unsigned int next_child;
    };
    const size_t max_frames = static_cast<size_t>(options_.max_depth) + kParserAddedLevels;
    std::vector<Frame> stack = {{root, 0}};
    while (!stack.empty() && !layout_.full()) {
      Frame& top = stack.back();
      const GumboVector& children = top.element->v.element.children;
      if (top.next_child == children.length) {
        Leave(top.element);
        stack.pop_back();
        continue;
      }
      const GumboNode* child = static_cast<const GumboNode*>(children.data[top.next_child++]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
          child->type == GUMBO_NODE_CDATA) {
        layout_.Text(child->v.text.text, preformatted_depth_ > 0);
      } else if ((child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) &&
                 roles_[child->v.element.tag] != Role::kSkipped) {
        Enter(child);
        if (stack.size() < max_frames) {
          stack.push_back({child, 0});
        } else {
          Leave(child);  // too deep: its content is not read
        }
      }
    }
    result_.text = layout_.Finish();
    result_.truncated = layout_.full();
  }

 private:
  void Enter(const GumboNode* node) {
    const GumboElement& element = node->v.element;
    RequestBreak(roles_[element.tag]);
    switch (element.tag) {
      case GUMBO_TAG_BR:
        layout_.LineBreak();
        break;
      case GUMBO_TAG_BLOCKQUOTE:
        if (options_.quote_blockquotes) layout_.set_quote_depth(++quote_depth_);
        break;
      case GUMBO_TAG_PRE:
        if (options_.keep_preformatted_text) ++preformatted_depth_;
        break;
      case GUMBO_TAG_LI:
        if (!options_.list_item_marker.empty()) layout_.Marker(options_.list_item_marker);
        break;
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        if (options_.separate_table_cells) layout_.Space();
        break;
      case GUMBO_TAG_A:
        if (options_.collect_links) CollectLink(element);
        break;
      default:
        break;
    }
  }

  void Leave(const GumboNode* node) {
    const GumboElement& element = node->v.element;
    RequestBreak(roles_[element.tag]);
    if (element.tag == GUMBO_TAG_BLOCKQUOTE && options_.quote_blockquotes) {
      layout_.set_quote_depth(--quote_depth_);
    } else if (element.tag == GUMBO_TAG_PRE && options_.keep_preformatted_text) {
      --preformatted_depth_;
    }
  }

  void RequestBreak(Role role) {
    if (role == Role::kLine) layout_.RequestBreak(1);
    if (role == Role::kParagraph) layout_.RequestBreak(2);
  }

  void CollectLink(const GumboElement& element) {
    const GumboAttribute* href = gumbo_get_attribute(&element.attributes, "href");
    if (href == nullptr || *href->value == '\0') return;
    if (const GumboAttribute* klass = gumbo_get_attribute(&element.attributes, "class")) {
      for (absl::string_view one :
           absl::StrSplit(klass->value, absl::ByAnyChar(" \t\n\r\f"), absl::SkipEmpty())) {
        for (const std::string& uncollected : options_.uncollected_link_classes) {
          if (one == uncollected) return;
        }
      }
    }
    if (seen_links_.insert(href->value).second) result_.links.emplace_back(href->value);
  }

  const HtmlToTextOptions& options_;
  const RoleTable roles_;
  HtmlTextLayout layout_;
  HtmlText& result_;
  absl::flat_hash_set<std::string> seen_links_;
  int quote_depth_ = 0;
  int preformatted_depth_ = 0;
};

}  // namespace

HtmlText HtmlToText(absl::string_view html, const HtmlToTextOptions& options) {
  HtmlText result;
  const ParsedHtml parsed(html, options.max_depth);
  TextWalk(options, result).Run(parsed.root());
  return result;
}

}  // namespace cxhub::plugin_common
