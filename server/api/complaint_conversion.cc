#include "server/api/complaint_conversion.h"

#include <vector>

#include "cxhub/v1/complaints.pb.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "server/api/figure_filters.h"
#include "server/api/proto_conversion.h"
#include "server/api/resource_names.h"
#include "server/core/complaint_themes.h"
#include "server/core/store.h"

namespace cxhub {
namespace {

void ThemesToProto(const std::vector<ComplaintTheme>& themes,
                   google::protobuf::RepeatedPtrField<v1::ComplaintTheme>* out) {
  for (const ComplaintTheme& theme : themes) {
    v1::ComplaintTheme* added = out->Add();
    added->set_text(theme.text);
    added->set_words(theme.words);
    added->set_interactions(theme.interactions);
    added->set_customers(theme.customers);
    added->set_previous_interactions(theme.previous_interactions);
    added->set_previous_customers(theme.previous_customers);
    if (theme.change_percent.has_value()) added->set_change_percent(*theme.change_percent);
    for (InteractionId id : theme.examples) added->add_example_interactions(InteractionName(id));
  }
}

}  // namespace

ComplaintThemesQuery ComplaintThemesQueryFromProto(const v1::GetComplaintThemesRequest& request) {
  ComplaintThemesQuery query;
  FigureFiltersFromProto(request, query);
  query.segment = SegmentFilterFromProto(request);
  for (int source : request.sources()) {
    query.sources.push_back(static_cast<ComplaintSource>(source));
  }
  query.max_phrases = request.max_phrases() > 0 ? request.max_phrases() : kDefaultComplaintPhrases;
  query.max_examples =
      request.max_examples() > 0 ? request.max_examples() : kDefaultComplaintExamples;
  return query;
}

void ComplaintThemesToProto(const ComplaintThemesReport& report, v1::ComplaintThemes* out) {
  TimeToProto(report.start_time, out->mutable_start_time());
  TimeToProto(report.end_time, out->mutable_end_time());
  TimeToProto(report.previous_start_time, out->mutable_previous_start_time());
  TimeToProto(report.previous_end_time, out->mutable_previous_end_time());
  out->set_interactions(report.interactions);
  out->set_customers(report.customers);
  ThemesToProto(report.terms, out->mutable_terms());
  ThemesToProto(report.two_word_phrases, out->mutable_two_word_phrases());
  ThemesToProto(report.three_word_phrases, out->mutable_three_word_phrases());
  ThemesToProto(report.intents, out->mutable_intents());
}

}  // namespace cxhub
