// A read through a real plugin that measures what the input costs in resident size, with the
// plugin warm: loading it and its libraries (GMime, ICU's data, simdjson: tens of MiB in a Debug
// build) is done by an ordinary read first on the same instance and not counted. Header-only.
#ifndef CXHUB_TESTS_PLUGINS_WARM_READ_H_
#define CXHUB_TESTS_PLUGINS_WARM_READ_H_

#include <malloc.h>

#include <functional>

#include "gtest/gtest.h"
#include "server/connectors/plugin_loader.h"
#include "tests/plugins/recording_host.h"
#include "tests/plugins/resident_size.h"

namespace cxhub::test {

// What the measured read emitted, and by how much it grew the peak resident size.
struct WarmRead {
  ReadLog log;
  long peak_growth_kib = 0;
};

// Calls `add_warm_up` (which adds ordinary input to the plugin's source) and reads it through
// `instance`; then `add_hostile`, and reads on from the warm-up's last checkpoint, measuring the
// growth of the peak resident size over that second read alone.
inline WarmRead ReadWarm(plugins::PluginInstance& instance,
                         const std::function<void()>& add_warm_up,
                         const std::function<void()>& add_hostile) {
  WarmRead warm;
  add_warm_up();
  const ReadLog first = ReadOnce(instance, "");
  EXPECT_TRUE(first.status.ok()) << first.status;
  EXPECT_FALSE(first.records.empty()) << "the warm-up read nothing";
  if (first.checkpoints.empty()) return warm;
  add_hostile();
  // Memory the test freed (a generated input of many MiB) goes back to the system first:
  // otherwise the plugin could reuse it without growing the resident size, hiding a regression.
  malloc_trim(0);
  EXPECT_TRUE(ResetPeakResident());
  const long before = PeakResidentKib();
  warm.log = ReadOnce(instance, first.checkpoints.back());
  warm.peak_growth_kib = PeakResidentKib() - before;
  // In the test's XML report (--gtest_output=xml), for the record of what the input cost.
  ::testing::Test::RecordProperty("peak_growth_kib", static_cast<int>(warm.peak_growth_kib));
  return warm;
}

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_PLUGINS_WARM_READ_H_
