// A persona: a segment and the figures that characterise its members at the time of the
// request: how many they are, the channels they use, their NPS and their lifetime value (the
// same definitions as every figure, through SatisfactionFigures and LifetimeValueFigures with
// the segment filter).
#ifndef CXHUB_SERVER_CORE_PERSONA_FIGURES_H_
#define CXHUB_SERVER_CORE_PERSONA_FIGURES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/clock.h"
#include "server/core/lifetime_value_figures.h"
#include "server/core/model.h"
#include "server/core/satisfaction_figures.h"
#include "server/core/store.h"

namespace cxhub {

struct Persona {
  Segment segment;
  int64_t members = 0;
  // Most interactions first, ties by channel slug.
  std::vector<ChannelUse> channel_mix;
  // Over every survey answer of the members; nullopt when they gave none.
  std::optional<SatisfactionFigure> nps;
  LifetimeValueReport lifetime_value;
};

// Thread-safe. Borrows everything, which must outlive it.
class PersonaFigures {
 public:
  PersonaFigures(Store& store, SatisfactionFigures& satisfaction,
                 LifetimeValueFigures& lifetime_value, Clock& clock)
      : store_(store),
        satisfaction_(satisfaction),
        lifetime_value_(lifetime_value),
        clock_(clock) {}

  // NOT_FOUND when the segment does not exist.
  absl::StatusOr<Persona> Get(SegmentId id);

 private:
  Store& store_;
  SatisfactionFigures& satisfaction_;
  LifetimeValueFigures& lifetime_value_;
  Clock& clock_;
};

}  // namespace cxhub

#endif  // CXHUB_SERVER_CORE_PERSONA_FIGURES_H_
