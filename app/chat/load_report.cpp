#include "app/chat/load_report.h"

#include <QCoreApplication>
#include <QLocale>

#include "inference/vulkan/memory_plan.h"

namespace veloce::app {

QString formatBytesForUser(uint64_t bytes) {
  const QLocale locale;
  const double b = static_cast<double>(bytes);
  constexpr double kKiB = 1024.0, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  // One decimal in GiB (a 14 GiB model differs from a 14.4 GiB one) and below 10 MiB, whole numbers between.
  if (b >= kGiB) return QCoreApplication::translate("LoadReport", "%1 GiB").arg(locale.toString(b / kGiB, 'f', 1));
  if (b >= 10 * kMiB) return QCoreApplication::translate("LoadReport", "%1 MiB").arg(locale.toString(qRound64(b / kMiB)));
  if (b >= kMiB) return QCoreApplication::translate("LoadReport", "%1 MiB").arg(locale.toString(b / kMiB, 'f', 1));
  if (b >= kKiB) return QCoreApplication::translate("LoadReport", "%1 KiB").arg(locale.toString(qRound64(b / kKiB)));
  return QCoreApplication::translate("LoadReport", "%1 bytes").arg(locale.toString(static_cast<qulonglong>(bytes)));
}

namespace {

// A CPU device: every byte of the plan is system memory, so the summary gives what it holds there
// and no "of N available" (the driver's heap, not a graphics card's memory). No spill warning
// either: what the plan calls spilled sits in the same system memory as the rest, read no slower,
// and a banner saying part of the model "did not fit in GPU memory" was wrong with no GPU in use.
LoadReport describeCpuLoad(const veloce::vk::MemoryPlan& plan, const QString& deviceName) {
  const QLocale locale;
  LoadReport r;
  r.lines << (deviceName.isEmpty()
                  ? QCoreApplication::translate("LoadReport", "Runs on the CPU, from system memory (no GPU in use)")
                  : QCoreApplication::translate("LoadReport", "Runs on the CPU, from system memory: %1 (no GPU in use)")
                        .arg(deviceName));
  r.lines << QCoreApplication::translate("LoadReport", "Model weights: %1 in system memory")
                 .arg(formatBytesForUser(plan.weights_device + plan.weights_host()));
  if (plan.kv_type == KvType::Q8_0)
    r.lines << QCoreApplication::translate("LoadReport", "Conversation memory (KV cache, 8-bit): %1 for %2 tokens")
                   .arg(formatBytesForUser(plan.kv_cache), locale.toString(plan.n_ctx));
  else
    r.lines << QCoreApplication::translate("LoadReport", "Conversation memory (KV cache): %1 for %2 tokens")
                   .arg(formatBytesForUser(plan.kv_cache), locale.toString(plan.n_ctx));
  r.lines << QCoreApplication::translate("LoadReport", "Working memory: %1").arg(formatBytesForUser(plan.activations));
  r.lines << QCoreApplication::translate("LoadReport", "Total in system memory: %1")
                 .arg(formatBytesForUser(plan.device_total() + plan.weights_host()));
  return r;
}

void addSpillWarning(const veloce::vk::MemoryPlan& plan, LoadReport& r) {
  r.spilledBytes = static_cast<qint64>(plan.weights_spilled);
  if (plan.weights_spilled > 0)
    r.spillWarning = QCoreApplication::translate(
                         "LoadReport",
                         "%1 of the model did not fit in GPU memory and is read from system memory, so replies "
                         "will be slower. A shorter context or a smaller quantization would keep it all on the GPU.")
                         .arg(formatBytesForUser(plan.weights_spilled));
}

}  // namespace

LoadReport describeLoad(const veloce::vk::MemoryPlan& plan, const LoadDevice& device) {
  if (device.processor == Processor::Cpu) {
    return describeCpuLoad(plan, device.name);
  }
  const QString& deviceName = device.name;
  const QLocale locale;
  LoadReport r;
  if (!deviceName.isEmpty()) r.lines << QCoreApplication::translate("LoadReport", "Graphics card: %1").arg(deviceName);
  // The embedding table always lives in system memory (one row is read per token): counted with
  // the weights there, but it is not a spill and raises no warning.
  if (plan.weights_host() > 0)
    r.lines << QCoreApplication::translate("LoadReport", "Model weights: %1 on the GPU, %2 in system memory")
                   .arg(formatBytesForUser(plan.weights_device), formatBytesForUser(plan.weights_host()));
  else
    r.lines << QCoreApplication::translate("LoadReport", "Model weights: %1 on the GPU")
                   .arg(formatBytesForUser(plan.weights_device));
  if (plan.kv_type == KvType::Q8_0)
    r.lines << QCoreApplication::translate("LoadReport", "Conversation memory (KV cache, 8-bit): %1 for %2 tokens")
                   .arg(formatBytesForUser(plan.kv_cache), locale.toString(plan.n_ctx));
  else
    r.lines << QCoreApplication::translate("LoadReport", "Conversation memory (KV cache): %1 for %2 tokens")
                   .arg(formatBytesForUser(plan.kv_cache), locale.toString(plan.n_ctx));
  r.lines << QCoreApplication::translate("LoadReport", "Working memory: %1").arg(formatBytesForUser(plan.activations));
  r.lines << QCoreApplication::translate("LoadReport", "Total on the GPU: %1 of %2 available")
                 .arg(formatBytesForUser(plan.device_total()), formatBytesForUser(plan.budget));
  addSpillWarning(plan, r);
  return r;
}

}  // namespace veloce::app
