#include "server/core/persona_figures.h"

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/model.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/segment_members.h"
#include "server/core/status_macros.h"
#include "server/core/store.h"

namespace cxhub {

absl::StatusOr<Persona> PersonaFigures::Get(SegmentId id) {
  Persona persona;
  CXHUB_RETURN_IF_ERROR(store_.Read([&](StoreReader& reader) -> absl::Status {
    CXHUB_ASSIGN_OR_RETURN(persona.segment, reader.GetSegment(id));
    CXHUB_ASSIGN_OR_RETURN(const absl::flat_hash_set<CustomerId> members,
                           SegmentMembers(reader, id, clock_.Now()));
    persona.members = static_cast<int64_t>(members.size());
    CXHUB_ASSIGN_OR_RETURN(persona.channel_mix, reader.CountChannelUse(members));
    return absl::OkStatus();
  }));
  std::sort(persona.channel_mix.begin(), persona.channel_mix.end(),
            [](const ChannelUse& a, const ChannelUse& b) {
              if (a.interactions != b.interactions) return a.interactions > b.interactions;
              return a.channel < b.channel;
            });
  SatisfactionQuery nps;
  nps.metric = SurveyMetric::kNps;
  nps.segment = id;
  CXHUB_ASSIGN_OR_RETURN(const SatisfactionReport satisfaction, satisfaction_.Get(nps));
  persona.nps = satisfaction.surveyed;
  LifetimeValueQuery value;
  value.segment = id;
  CXHUB_ASSIGN_OR_RETURN(persona.lifetime_value, lifetime_value_.Get(value));
  return persona;
}

}  // namespace cxhub
