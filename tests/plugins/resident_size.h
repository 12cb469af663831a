// The resident size of this process, for tests and benchmarks that bound a plugin's memory.
#ifndef CXHUB_TESTS_PLUGINS_RESIDENT_SIZE_H_
#define CXHUB_TESTS_PLUGINS_RESIDENT_SIZE_H_

namespace cxhub::test {

// The peak resident size so far (VmHWM of /proc/self/status) in KiB; -1 when unreadable.
long PeakResidentKib();
// The current resident size (VmRSS) in KiB; -1 when unreadable.
long ResidentKib();
// Resets the peak to the current resident size (/proc/self/clear_refs), so that the next
// PeakResidentKib() measures what runs from now on; false when the kernel refused.
bool ResetPeakResident();

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_PLUGINS_RESIDENT_SIZE_H_
