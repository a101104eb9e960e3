#pragma once
// The Phi-4 GGUF files Veloce offers to download (resources/catalogue/phi4-models.json, compiled
// in as qrc:/catalogue/phi4-models.json). How each would fit a device is model_fit.h's business.
#include <QList>
#include <QString>
#include <QUrl>

namespace veloce::app {

struct CatalogueEntry {
  QString name;          // "phi-4-Q4_K_M": what `veloce-cli pull NAME` takes
  QString quantization;  // "Q4_K_M": a mix the engine's presets know
  QString repository;    // "owner/repo" on Hugging Face
  QString fileName;      // "phi-4-Q4_K_M.gguf"
  qint64 sizeBytes = 0;  // as published by the repository
  // The file's SHA-256 (lower-case hex) when the catalogue pins it, else "": the download then
  // checks the hash the first address publishes (X-Linked-Etag), which a redirect cannot replace.
  QString sha256;
  bool recommended = false;
  QString summary;  // one English sentence; the UI translates its own words
  // https://huggingface.co/REPO/resolve/main/FILE
  QUrl url() const;
};

// The compiled-in catalogue, in its file's order. Empty only if the resource is broken (a build
// defect the catalogue test catches).
const QList<CatalogueEntry>& modelCatalogue();
// By name ("phi-4-Q4_K_M") or quantization ("Q4_K_M", "q4_k_m"); nullptr when none matches.
const CatalogueEntry* findCatalogueEntry(const QString& nameOrQuantization);

}  // namespace veloce::app
