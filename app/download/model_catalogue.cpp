#include "app/download/model_catalogue.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace veloce::app {
namespace {

QList<CatalogueEntry> load() {
  QFile file(QStringLiteral(":/catalogue/phi4-models.json"));
  if (!file.open(QIODevice::ReadOnly)) return {};
  QList<CatalogueEntry> entries;
  const QJsonArray models = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("models")).toArray();
  for (const QJsonValue& v : models) {
    const QJsonObject o = v.toObject();
    CatalogueEntry e;
    e.name = o.value(QStringLiteral("name")).toString();
    e.quantization = o.value(QStringLiteral("quantization")).toString();
    e.repository = o.value(QStringLiteral("repository")).toString();
    e.fileName = o.value(QStringLiteral("file")).toString();
    e.sizeBytes = static_cast<qint64>(o.value(QStringLiteral("size_bytes")).toDouble());
    e.sha256 = o.value(QStringLiteral("sha256")).toString().toLower();
    e.recommended = o.value(QStringLiteral("recommended")).toBool();
    e.summary = o.value(QStringLiteral("summary")).toString();
    entries.append(e);
  }
  return entries;
}

}  // namespace

QUrl CatalogueEntry::url() const {
  return QUrl(QStringLiteral("https://huggingface.co/%1/resolve/main/%2").arg(repository, fileName));
}

const QList<CatalogueEntry>& modelCatalogue() {
  static const QList<CatalogueEntry> entries = load();
  return entries;
}

const CatalogueEntry* findCatalogueEntry(const QString& nameOrQuantization) {
  for (const CatalogueEntry& e : modelCatalogue())
    if (e.name.compare(nameOrQuantization, Qt::CaseInsensitive) == 0 ||
        e.quantization.compare(nameOrQuantization, Qt::CaseInsensitive) == 0)
      return &e;
  return nullptr;
}

}  // namespace veloce::app
