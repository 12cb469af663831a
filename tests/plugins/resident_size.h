// The resident size of this process (or another's), for tests and benchmarks that bound memory.
#ifndef CXHUB_TESTS_PLUGINS_RESIDENT_SIZE_H_
#define CXHUB_TESTS_PLUGINS_RESIDENT_SIZE_H_

#include <string>

namespace cxhub::test {

// How much larger a memory bound is in a sanitizer build: AddressSanitizer keeps freed blocks
// in quarantine (256 MiB by default) and pads every block, so the process's resident size
// overstates what the code under test holds (a 16 MiB line read in bounded memory measured
// 20 MiB). The unscaled bounds hold in every other build, which CI runs too.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr long kResidentBoundScale = 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr long kResidentBoundScale = 8;
#else
inline constexpr long kResidentBoundScale = 1;
#endif
#else
inline constexpr long kResidentBoundScale = 1;
#endif

// A numeric field of /proc/<process>/status ("self" for this one), such as "VmRSS", "VmHWM"
// (KiB) or "Threads"; -1 when unreadable.
long ProcessStatusField(const std::string& process, const char* name);
// The peak resident size so far (VmHWM of /proc/self/status) in KiB; -1 when unreadable.
long PeakResidentKib();
// The current resident size (VmRSS) in KiB; -1 when unreadable.
long ResidentKib();
// Resets the peak to the current resident size (/proc/self/clear_refs), so that the next
// PeakResidentKib() measures what runs from now on; false when the kernel refused.
bool ResetPeakResident();

}  // namespace cxhub::test

#endif  // CXHUB_TESTS_PLUGINS_RESIDENT_SIZE_H_
