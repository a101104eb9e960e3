#pragma once
// The memory plan a model was loaded with, in the user's words and language: sizes as "7.6 GiB",
// counts with the locale's separators, and the warning that part of the model did not fit on the
// GPU. Built from the plan's fields (not its English log line), so Italian reads as Italian.
#include <QString>
#include <QStringList>
#include <cstdint>

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
LoadReport describeLoad(const veloce::vk::MemoryPlan& plan, const QString& deviceName);

}  // namespace veloce::app
