#pragma once
// The compute devices the settings page offers: "Automatic", the CPU reference backend, and every
// Vulkan device the engine can see (through inference/, never through Vulkan calls here).
#include <QVariantList>

namespace veloce::app {

// AppSettings::device value that selects the plain CPU reference backend.
inline constexpr const char* kReferenceDeviceId = "reference";

// Maps {id, name, detail, supported}. Never throws: when Vulkan is unusable, the list holds the
// first two entries and a third, unsupported one whose detail says why.
QVariantList listComputeDevices();

}  // namespace veloce::app
