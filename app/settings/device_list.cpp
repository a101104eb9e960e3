#include "app/settings/device_list.h"

#include <QCoreApplication>
#include <QLocale>
#include <QVariantMap>
#include <exception>

#include "inference/vulkan/device_list.h"

namespace veloce::app {
namespace {

QVariantMap entry(const QString& id, const QString& name, const QString& detail, bool supported) {
  return {{QStringLiteral("id"), id},
          {QStringLiteral("name"), name},
          {QStringLiteral("detail"), detail},
          {QStringLiteral("supported"), supported}};
}

}  // namespace

QVariantList listComputeDevices() {
  QVariantList list;
  list.append(entry(QString(), QCoreApplication::translate("DeviceList", "Automatic"),
                    QCoreApplication::translate("DeviceList", "The fastest GPU found"), true));
  list.append(entry(QString::fromLatin1(kReferenceDeviceId),
                    QCoreApplication::translate("DeviceList", "CPU (reference, very slow)"),
                    QCoreApplication::translate("DeviceList", "Plain fp32 computation for diagnosis"), true));
  try {
    for (const auto& d : veloce::vk::list_devices()) {
      const QString memory = QLocale().formattedDataSize(static_cast<qint64>(d.device_local_bytes));
      QString detail =
          QStringLiteral("%1, %2, Vulkan %3")
              .arg(QString::fromLatin1(veloce::vk::device_kind_name(d.kind)), memory, QString::fromStdString(d.api_version));
      if (!d.supported) detail += QStringLiteral(" — ") + QString::fromStdString(d.unsupported_reason);
      // The UUID survives reboots and driver updates that reorder devices; indexes do not.
      list.append(entry(QString::fromStdString(d.uuid), QString::fromStdString(d.name), detail, d.supported));
    }
  } catch (const std::exception& e) {
    list.append(entry(QStringLiteral("-"), QCoreApplication::translate("DeviceList", "No Vulkan device"),
                      QString::fromUtf8(e.what()), false));
  }
  return list;
}

}  // namespace veloce::app
