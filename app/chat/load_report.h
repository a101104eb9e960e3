#pragma once
// The memory plan a model was loaded with, in the user's words and language: sizes as "7.6 GiB",
// counts with the locale's separators, and the warning that part of the model did not fit on the
// GPU. Built from the plan's fields (not its English log line), so Italian reads as Italian.
#include <QString>
#include <QStringList>
#include <cstdint>

#include "app/download/model_fit.h"

namespace veloce::vk {
struct MemoryPlan;
}

namespace veloce::app {

struct LoadReport {
  QStringList lines;  // one fact a line, for Settings and the setup view
  qint64 spilledBytes = 0;
  QString spillWarning;  // empty when every weight is on the GPU
};

// "572 MiB", "7.6 GiB" with the default QLocale's decimal separator.
QString formatBytesForUser(uint64_t bytes);
// The device the model was loaded on. A CPU one (a Vulkan CPU driver such as llvmpipe/lavapipe)
// holds everything in system memory and computes on the CPU: its summary says so, as the
// download list's verdict does, instead of calling it a graphics card with memory "on the GPU".
struct LoadDevice {
  QString name;
  Processor processor = Processor::Gpu;
};
LoadReport describeLoad(const veloce::vk::MemoryPlan& plan, const LoadDevice& device);

}  // namespace veloce::app
