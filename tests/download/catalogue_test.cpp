// The model catalogue (resources/catalogue/phi4-models.json) and its fit verdicts: every entry is
// a Hugging Face resolve address of a quantization the engine reads; each published size agrees
// with the bytes the engine's own layout of that quantization has at Phi-4's shapes (an entry
// pointing at the wrong file, or a typo in a size, fails here); the verdicts follow the memory
// plan: a card with room holds the model, a small one spills weights to system memory, a KV
// cache larger than the card is "too large", and a CPU device is judged against system memory
// and is never taken for a GPU (OnCpu, nothing recommendable).
#include <QRegularExpression>
#include <QTest>
#include <set>
#include <string>

#include "app/download/model_catalogue.h"
#include "app/download/model_fit.h"

using veloce::app::DeviceTarget;
using veloce::app::estimateFit;
using veloce::app::Fit;
using veloce::app::modelCatalogue;
using veloce::app::Processor;
using veloce::app::recommendable;

namespace {
constexpr uint64_t GiB = 1ull << 30;
}

class CatalogueTest : public QObject {
  Q_OBJECT
 private slots:
  void everyEntryIsAResolveAddressOfAKnownType() {
    const auto& entries = modelCatalogue();
    QCOMPARE(entries.size(), 6);
    std::set<QString> types;
    int recommended = 0;
    for (const auto& e : entries) {
      types.insert(e.quantization);
      recommended += e.recommended ? 1 : 0;
      QCOMPARE(e.fileName, QStringLiteral("phi-4-%1.gguf").arg(e.quantization));
      QCOMPARE(e.name, QStringLiteral("phi-4-%1").arg(e.quantization));
      QCOMPARE(e.url().toString(),
               QStringLiteral("https://huggingface.co/%1/resolve/main/%2").arg(e.repository, e.fileName));
      QVERIFY2(!e.summary.isEmpty(), qPrintable(e.name));
      // A pinned hash is what the download checks: 64 lower-case hex digits, or none at all.
      static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
      QVERIFY2(e.sha256.isEmpty() || hex.match(e.sha256).hasMatch(), qPrintable(e.name));
    }
    QCOMPARE(types, (std::set<QString>{"Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K"}));
    QCOMPARE(recommended, 1);
    QCOMPARE(veloce::app::findCatalogueEntry(QStringLiteral("q4_k_m"))->name, QStringLiteral("phi-4-Q4_K_M"));
    QCOMPARE(veloce::app::findCatalogueEntry(QStringLiteral("phi-4-Q8_0"))->quantization, QStringLiteral("Q8_0"));
    QVERIFY(veloce::app::findCatalogueEntry(QStringLiteral("Q4_0")) == nullptr);
  }

  void publishedSizesMatchTheEnginesLayout() {
    for (const auto& e : modelCatalogue()) {
      const uint64_t bytes = veloce::app::presetWeightBytes(e.quantization.toStdString());
      // The file adds its metadata (the tokenizer, a few MB) to the tensors. 1% tells a wrong file
      // or a typo (neighbouring types are 15-30% apart); the four model-card figures agree with
      // the layout to their three digits.
      const double ratio = static_cast<double>(e.sizeBytes) / static_cast<double>(bytes);
      QVERIFY2(ratio > 0.99 && ratio < 1.01,
               qPrintable(QStringLiteral("%1: published %2 bytes, layout %3").arg(e.name).arg(e.sizeBytes).arg(bytes)));
    }
  }

  void verdictsFollowTheMemoryPlan() {
    const uint64_t system = 32 * GiB;
    const DeviceTarget big{24 * GiB, false};
    const DeviceTarget eight{8 * GiB, false};
    const DeviceTarget tiny{2 * GiB, false};

    // Q8_0 (15.6 GB) on a 24 GB card at 4K: everything on the device.
    auto f = estimateFit(std::string("Q8_0"), 4096, big, system);
    QVERIFY(f.fit == Fit::OnDevice);
    QCOMPARE(f.spilledBytes, uint64_t{0});
    // ... on an 8 GB card: about half of it in system memory.
    f = estimateFit(std::string("Q8_0"), 4096, eight, system);
    QVERIFY(f.fit == Fit::PartlyInSystemMemory);
    QVERIFY(f.spilledBytes > 6 * GiB && f.spilledBytes < 10 * GiB);
    // Q2_K (5.6 GB) fits the 8 GB card at 4K.
    QVERIFY(estimateFit(std::string("Q2_K"), 4096, eight, system).fit == Fit::OnDevice);
    // At 16K the f16 KV cache alone (3.1 GiB) exceeds a 2 GB card: nothing can be placed.
    QVERIFY(estimateFit(std::string("Q2_K"), 16384, tiny, system).fit == Fit::TooLarge);
    // A spill larger than system memory is too large too.
    QVERIFY(estimateFit(std::string("Q8_0"), 4096, eight, 8 * GiB).fit == Fit::TooLarge);

    // The f16 KV cache: K and V, 40 layers, 10 KV heads of 128, 2 bytes, per token of context.
    const auto at4 = estimateFit(std::string("Q4_K_M"), 4096, big, system);
    const auto at16 = estimateFit(std::string("Q4_K_M"), 16384, big, system);
    QCOMPARE(at4.kvCacheBytes, uint64_t{2} * 40 * 10 * 128 * 2 * 4096);
    QCOMPARE(at16.kvCacheBytes, 4 * at4.kvCacheBytes);
    // The need grows from 4K to 16K by the KV cache's growth and a little more (activations).
    QVERIFY(at16.neededBytes >= at4.neededBytes + (at16.kvCacheBytes - at4.kvCacheBytes));
    QVERIFY(at16.neededBytes < at4.neededBytes + (at16.kvCacheBytes - at4.kvCacheBytes) + GiB);
    QCOMPARE(at4.neededBytes - at4.kvCacheBytes > veloce::app::presetWeightBytes("Q4_K_M"), true);
    // With the q8_0 cache chosen in Settings: a byte a value and 2 bytes of scale per 32, and the
    // need falls by exactly what the cache saves.
    const auto q8 = estimateFit(std::string("Q4_K_M"), 16384, big, system, veloce::KvType::Q8_0);
    QCOMPARE(q8.kvCacheBytes, uint64_t{2} * 40 * 16384 * (1280 + 1280 / 32 * 2));
    QCOMPARE(at16.neededBytes - q8.neededBytes, at16.kvCacheBytes - q8.kvCacheBytes);

    // An integrated GPU: the whole need against system memory (less a fifth).
    const DeviceTarget integrated{.deviceLocalBytes = 2 * GiB, .sharesSystemMemory = true};
    QVERIFY(estimateFit(std::string("Q4_K_M"), 4096, integrated, 16 * GiB).fit == Fit::OnDevice);
    QVERIFY(estimateFit(std::string("Q8_0"), 4096, integrated, 16 * GiB).fit == Fit::TooLarge);

    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateFit(std::string("Q9_X"), 4096, big, system));
  }

  // lavapipe/llvmpipe (or the CPU reference): a 2 GB "heap" in system memory, computed by the CPU.
  // With memory to spare every file fits, and every verdict says CPU: none is a GPU's "fits", so
  // none may carry the catalogue's "recommended".
  void aCpuDriverIsJudgedAsACpuNeverAsAGpu() {
    const DeviceTarget lavapipe{.deviceLocalBytes = 2 * GiB, .sharesSystemMemory = true, .processor = Processor::Cpu};
    for (const auto& e : modelCatalogue()) {
      const Fit fit = estimateFit(e.quantization.toStdString(), 4096, lavapipe, 64 * GiB).fit;
      QVERIFY2(fit == Fit::OnCpu, qPrintable(e.name));
      QVERIFY2(!recommendable(fit), qPrintable(e.name));
    }
    // Too large stays too large: Q8_0 with its 4K cache exceeds 16 GB less a fifth.
    QVERIFY(estimateFit(std::string("Q8_0"), 4096, lavapipe, 16 * GiB).fit == Fit::TooLarge);
    // GPU verdicts keep the mark; a file too large never carries it.
    QVERIFY(recommendable(Fit::OnDevice));
    QVERIFY(recommendable(Fit::PartlyInSystemMemory));
    QVERIFY(!recommendable(Fit::TooLarge));
  }
};

QTEST_GUILESS_MAIN(CatalogueTest)
#include "catalogue_test.moc"
