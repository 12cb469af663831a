#include "server/api/current_call_slot.h"

#include <utility>

namespace cxhub {
namespace {

thread_local std::optional<ConcurrencyLimit::Slot>* current_slot = nullptr;

}  // namespace

ScopedCurrentCallSlot::ScopedCurrentCallSlot(std::optional<ConcurrencyLimit::Slot>& slot)
    : previous_(current_slot) {
  current_slot = &slot;
}

ScopedCurrentCallSlot::~ScopedCurrentCallSlot() { current_slot = previous_; }

std::optional<ConcurrencyLimit::Slot> TakeCurrentCallSlot() {
  if (current_slot == nullptr) return std::nullopt;
  std::optional<ConcurrencyLimit::Slot> taken = std::move(*current_slot);
  current_slot->reset();
  return taken;
}

}  // namespace cxhub
