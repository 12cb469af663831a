// Finds a rating a customer wrote unasked in a message or post: "I'd give you 8 out of 10",
// "9/10", "dou-vos 9 em 10", "le doy un 9 sobre 10", "9 von 10 Punkten", "je vous donne 9 sur
// 10", "5 stars", "cinco estrellas", "4 étoiles", "5 Sterne" (English, Portuguese, Spanish, German
// and French forms; digits or number words).
//
// A score out of 10 is an NPS-scale score (0-10), one out of 5 or in stars a CSAT-scale score
// (1-5). Precision over recall: a number is a rating only when its form and its neighbours say
// so, never an order number (NW-10482), a date (10/09/2026, "on 9/10", "am 9/10"), a time, a
// count ("2 out of 3 items", "9 de 10 paquetes", "9/10 customers"), a page or step ("page 3/10"),
// a decimal, a price, a hotel's stars ("5 star hotel") or a quoted line of an earlier mail ("> ").
// The forms "9 of/de/em/von/sur/sobre 10" also need a rating word before them ("give", "dou",
// "nota", "doy", "gebe", "donne") or a points word after them ("Punkten").
//
// The first rating found wins. Work is linear in the text: only its first kMaxScannedBytes are
// read. Thread-safe; the patterns are compiled once per process.
#ifndef CXHUB_SERVER_CORE_MENTIONED_SCORE_DETECTOR_H_
#define CXHUB_SERVER_CORE_MENTIONED_SCORE_DETECTOR_H_

#include <cstddef>
#include <optional>

#include "absl/strings/string_view.h"
#include "server/core/model.h"

namespace cxhub {

// How much of a text is looked at; a rating after it is not found.
inline constexpr size_t kMentionedScoreMaxScannedBytes = 64 * 1024;

// The rating in `text` (UTF-8), with its words as written in `quote`; nullopt when there is none.
std::optional<MentionedScore> FindMentionedScore(absl::string_view text);

// The rating the customer wrote in `interaction`: only an INBOUND MESSAGE or POST has one (what
// the business writes is not the customer's score), read from its subject, then its body.
std::optional<MentionedScore> FindMentionedScore(const Interaction& interaction);

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_MENTIONED_SCORE_DETECTOR_H_
