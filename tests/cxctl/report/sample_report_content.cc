#include "tests/cxctl/report/sample_report_content.h"

#include "absl/time/civil_time.h"

namespace cxhub::cxctl {
namespace {

v1::NpsFigure Nps(int promoters, int passives, int detractors) {
  v1::NpsFigure nps;
  const int answers = promoters + passives + detractors;
  nps.set_answers(answers);
  nps.set_promoters(promoters);
  nps.set_passives(passives);
  nps.set_detractors(detractors);
  nps.set_score(100.0 * (promoters - detractors) / answers);
  nps.mutable_interval()->set_low(nps.score() - 40);
  nps.mutable_interval()->set_high(nps.score() + 30);
  return nps;
}

v1::CsatFigure Csat(int satisfied, int answers, double mean) {
  v1::CsatFigure csat;
  csat.set_answers(answers);
  csat.set_satisfied(satisfied);
  csat.set_satisfied_percent(100.0 * satisfied / answers);
  csat.mutable_satisfied_interval()->set_low(9.5);
  csat.mutable_satisfied_interval()->set_high(90.5);
  csat.set_mean(mean);
  return csat;
}

absl::Time Day(int day) {
  return absl::FromCivil(absl::CivilDay(2026, 9, day), absl::UTCTimeZone());
}

v1::SatisfactionReport Series(bool nps) {
  v1::SatisfactionReport report;
  for (int day = 7; day <= 13; ++day) {
    v1::SatisfactionPoint* point = report.add_series();
    point->mutable_start_time()->set_seconds(absl::ToUnixSeconds(Day(day)));
    point->mutable_end_time()->set_seconds(absl::ToUnixSeconds(Day(day + 1)));
    if (day == 10) continue;  // No answers that day: a gap.
    if (nps) {
      *point->mutable_surveyed()->mutable_nps() = Nps(day % 3, 1, day % 2);
    } else {
      *point->mutable_surveyed()->mutable_csat() = Csat(day % 2 + 1, 2, 3.5);
    }
  }
  return report;
}

v1::JourneyMapStage Stage(const std::string& touchpoint, const std::string& name,
                          v1::JourneyStage stage, int interactions) {
  v1::JourneyMapStage out;
  out.set_touchpoint(touchpoint);
  out.set_display_name(name);
  out.set_stage(stage);
  out.set_interactions(interactions);
  out.set_customers(interactions / 2 + 1);
  out.set_journeys_starting(interactions / 3);
  out.set_journeys_ending(interactions / 4);
  return out;
}

v1::JourneyMap Journey() {
  v1::JourneyMap map;
  map.set_customers(14);
  map.set_journeys_with_touchpoints(12);
  map.set_interactions_without_touchpoint(3);
  map.set_customers_without_touchpoint(2);
  *map.add_stages() = Stage("touchpoints/1", kHostileTouchpointName, v1::JOURNEY_STAGE_PURCHASE, 9);
  *map.add_stages() = Stage("touchpoints/2", "Receive the order", v1::JOURNEY_STAGE_PURCHASE, 7);
  *map.add_stages() = Stage("touchpoints/3", "Get help", v1::JOURNEY_STAGE_SERVICE, 12);
  *map.add_stages() = Stage("", "", v1::JOURNEY_STAGE_UNSPECIFIED, 3);
  *map.mutable_stages(0)->mutable_nps() = Nps(2, 1, 1);
  map.mutable_stages(0)->mutable_median_time_to_next()->set_seconds(26 * 3600);
  const char* moves[][2] = {{"touchpoints/1", "touchpoints/2"},
                            {"touchpoints/2", "touchpoints/3"},
                            {"touchpoints/1", "touchpoints/3"}};
  for (int i = 0; i < 3; ++i) {
    v1::JourneyTransition* move = map.add_transitions();
    move->set_from_touchpoint(moves[i][0]);
    move->set_to_touchpoint(moves[i][1]);
    move->set_moves(6 - 2 * i);
    move->set_customers(5 - 2 * i);
  }
  v1::JourneyPath* path = map.add_paths();
  path->add_touchpoints("touchpoints/1");
  path->add_touchpoints("touchpoints/2");
  path->set_customers(5);
  path->set_share_percent(41.7);
  return map;
}

v1::ComplaintTheme Theme(const std::string& text, int words, int interactions, int previous) {
  v1::ComplaintTheme theme;
  theme.set_text(text);
  theme.set_words(words);
  theme.set_interactions(interactions);
  theme.set_customers(interactions > 0 ? interactions - 1 : 0);
  theme.set_previous_interactions(previous);
  if (previous > 0) theme.set_change_percent(100.0 * (interactions - previous) / previous);
  theme.add_example_interactions("interactions/7");
  return theme;
}

v1::ComplaintThemes Complaints() {
  v1::ComplaintThemes themes;
  themes.set_interactions(21);
  themes.set_customers(9);
  *themes.add_terms() = Theme("entrega", 1, 6, 3);
  *themes.add_terms() = Theme("<atraso> & \"fatura\"", 1, 4, 0);
  *themes.add_two_word_phrases() = Theme("entrega atrasada", 2, 4, 2);
  *themes.add_three_word_phrases() = Theme("where is my", 3, 3, 3);
  *themes.add_intents() = Theme("refund", 0, 5, 4);
  *themes.add_intents() = Theme("cancel", 0, 0, 1);
  return themes;
}

// Shares of `transactional`, `informational` and `none` visits; the intervals are made up.
v1::IntentShares Shares(int transactional, int informational, int none) {
  v1::IntentShares shares;
  const int visits = transactional + informational + none;
  shares.set_visits(visits);
  auto set = [&](v1::IntentShare* share, int n) {
    share->set_visits(n);
    share->set_percent(100.0 * n / visits);
    share->mutable_interval()->set_low(share->percent() / 2);
    share->mutable_interval()->set_high((100 + share->percent()) / 2);
  };
  set(shares.mutable_transactional(), transactional);
  set(shares.mutable_informational(), informational);
  set(shares.mutable_none(), none);
  return shares;
}

void AddEntry(v1::IntentBreakdown* breakdown, const std::string& value,
              const v1::IntentShares& shares) {
  v1::IntentBreakdownEntry* entry = breakdown->add_entries();
  entry->set_value(value);
  *entry->mutable_shares() = shares;
  breakdown->set_values(breakdown->values() + 1);
}

// 10 visits: 4 transactional, 5 informational, 1 neither.
v1::VisitorIntentReport VisitorIntent() {
  v1::VisitorIntentReport report;
  *report.mutable_overall() = Shares(4, 5, 1);
  AddEntry(report.mutable_by_referrer_type(), "search", Shares(3, 2, 0));
  AddEntry(report.mutable_by_referrer_type(), "direct", Shares(1, 3, 1));
  AddEntry(report.mutable_by_search_keyword(), "", Shares(1, 3, 1));
  AddEntry(report.mutable_by_search_keyword(), "waterproof <backpack> & \"30l\"", Shares(2, 0, 0));
  *report.mutable_by_search_keyword()->mutable_other() = Shares(1, 2, 0);
  report.mutable_by_search_keyword()->set_values(5);
  AddEntry(report.mutable_by_entry_page(), "https://shop.example/help/returns", Shares(0, 4, 0));
  *report.mutable_by_entry_page()->mutable_other() = Shares(4, 1, 1);
  AddEntry(report.mutable_by_touchpoint(), "touchpoints/1", Shares(4, 0, 0));
  AddEntry(report.mutable_by_touchpoint(), "", Shares(0, 5, 1));
  return report;
}

}  // namespace

const char kHostileTouchpointName[] = "Order <script>alert(1)</script> & \"co\"";

ReportContent SampleReportContent() {
  ReportContent content;
  content.start = Day(7);
  content.end = Day(14);
  content.server = "localhost:50051";
  content.generated = Day(14);
  content.overall = {"All answers", "", Nps(5, 3, 4), Csat(1, 2, 3.5), std::nullopt};
  content.touchpoints = {
      {kHostileTouchpointName, "Purchase", Nps(2, 1, 1), std::nullopt, std::nullopt},
      {"Receive the order", "Purchase", Nps(1, 1, 2), std::nullopt, std::nullopt},
      {"Get help", "Service", Nps(2, 1, 1), Csat(1, 2, 3.5), std::nullopt}};
  content.channels = {{"chat", "", std::nullopt, Csat(1, 2, 3.5), std::nullopt},
                      {"survey", "", Nps(5, 3, 4), std::nullopt, std::nullopt}};
  content.nps_series = Series(true);
  content.csat_series = Series(false);
  v1::RetentionReport retention;
  retention.set_activity_window_days(90);
  retention.mutable_counts()->set_active_at_start(10);
  retention.mutable_counts()->set_retained(8);
  retention.mutable_counts()->set_active_at_end(12);
  retention.mutable_counts()->set_new_customers(4);
  retention.mutable_figure()->set_churn_percent(20);
  retention.mutable_figure()->set_retention_percent(80);
  retention.mutable_figure()->mutable_churn_interval()->set_low(5.7);
  retention.mutable_figure()->mutable_churn_interval()->set_high(51);
  content.retention = retention;
  v1::LifetimeValueReport lifetime_value;
  v1::CurrencyLifetimeValue* eur = lifetime_value.add_currencies();
  eur->set_currency("EUR");
  eur->set_minor_unit_exponent(2);
  eur->mutable_historical()->set_customers(3);
  eur->mutable_historical()->set_orders(4);
  eur->mutable_historical()->set_total_minor_units(35970);
  content.lifetime_value = lifetime_value;
  content.journey_map = Journey();
  content.journey_svg =
      "<svg class=\"journey-drawing\" viewBox=\"0 0 10 10\"><text>map</text></svg>";
  content.complaints = Complaints();
  content.visitor_intent = VisitorIntent();
  content.touchpoint_names = {{"touchpoints/1", kHostileTouchpointName},
                              {"touchpoints/2", "Receive the order"},
                              {"touchpoints/3", "Get help"}};
  return content;
}

}  // namespace cxhub::cxctl
