#include "clients/cxctl/command_naming.h"

#include <cctype>

namespace cxhub::cxctl {
namespace {

std::string Lower(const std::string& word) {
  std::string out;
  for (char c : word) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Kebab(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (!out.empty()) out += "-";
    out += Lower(words[i]);
  }
  return out;
}

// The resource noun of a service: "CustomerService" -> {"Customer"}. A service named for its
// collection instead (google.longrunning's "Operations") has the singular noun {"Operation"}.
std::vector<std::string> NounWords(const std::string& service_name) {
  std::string noun = service_name;
  const std::string suffix = "Service";
  if (noun.size() > suffix.size() &&
      noun.compare(noun.size() - suffix.size(), suffix.size(), suffix) == 0) {
    noun.resize(noun.size() - suffix.size());
  } else if (noun.size() > 1 && noun.back() == 's') {
    noun.pop_back();
  }
  return SplitCamelCase(noun);
}

bool SameWord(const std::string& a, const std::string& b) { return Lower(a) == Lower(b); }

bool IsUncountable(const std::string& noun) { return SameWord(noun, "Privacy"); }

}  // namespace

std::vector<std::string> SplitCamelCase(const std::string& name) {
  std::vector<std::string> words;
  std::string current;
  auto is_upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_') {
      if (!current.empty()) words.push_back(current);
      current.clear();
      continue;
    }
    // A word starts at an upper-case letter after a lower-case one ("getName"), or at the
    // last upper-case letter of an acronym followed by lower case ("NPSScore" -> NPS, Score).
    const bool boundary = !current.empty() && is_upper(c) &&
                          (!is_upper(name[i - 1]) ||
                           (i + 1 < name.size() && !is_upper(name[i + 1]) && name[i + 1] != '_'));
    if (boundary) {
      words.push_back(current);
      current.clear();
    }
    current += c;
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

std::string Pluralize(const std::string& word) {
  if (word.empty()) return word;
  const std::string lower = Lower(word);
  auto ends_with = [&](const std::string& end) {
    return lower.size() >= end.size() &&
           lower.compare(lower.size() - end.size(), end.size(), end) == 0;
  };
  if (ends_with("s")) return word;  // Analytics, Settings, Status are left as they are.
  if (ends_with("x") || ends_with("ch") || ends_with("sh") || ends_with("z")) return word + "es";
  if (ends_with("y") && lower.size() > 1 &&
      std::string("aeiou").find(lower[lower.size() - 2]) == std::string::npos) {
    return word.substr(0, word.size() - 1) + "ies";
  }
  return word + "s";
}

std::string GroupName(const std::string& service_name) {
  // Services that people reach under another group: the suggested merges are about customers.
  if (service_name == "MergeSuggestionService") return "customers suggestions";
  std::vector<std::string> words = NounWords(service_name);
  if (words.empty()) return Lower(service_name);
  // A service named for a matter rather than a resource keeps its noun: "cxctl privacy ...".
  if (!IsUncountable(words.back())) words.back() = Pluralize(words.back());
  return Kebab(words, 0, words.size());
}

std::string VerbName(const std::string& method_name, const std::string& service_name) {
  const std::vector<std::string> words = SplitCamelCase(method_name);
  const std::vector<std::string> noun = NounWords(service_name);
  if (!noun.empty() && words.size() > noun.size()) {
    // The last place the noun (singular or plural) appears as whole words.
    for (size_t start = words.size() - noun.size() + 1; start-- > 0;) {
      bool match = true;
      for (size_t k = 0; k < noun.size() && match; ++k) {
        const std::string& word = words[start + k];
        match =
            SameWord(word, noun[k]) || (k + 1 == noun.size() && SameWord(word, Pluralize(noun[k])));
      }
      if (!match) continue;
      std::vector<std::string> rest(words.begin(), words.begin() + start);
      rest.insert(rest.end(), words.begin() + start + noun.size(), words.end());
      if (!rest.empty()) return Kebab(rest, 0, rest.size());
      break;
    }
  }
  return Kebab(words, 0, words.size());
}

}  // namespace cxhub::cxctl
