// A language switch at run time, as a user makes it (Settings > Appearance > Language): every
// string the window shows follows, both ways, including those C++ made before the switch (the
// sidebar's "Today", the server and download verdict lines, "CPU (fp32 reference)"), the seed
// box's "random", the catalogue's descriptions, and numbers in the language's format (4,096 in
// English, 4.096 in Italian). Before the fix these stayed as they were (issue 23).
#include <QQuickStyle>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "app/chat/server_controller.h"
#include "app/models/server_request_log.h"
#include "app/models/translation_loader.h"
#include "app/server/api_server.h"
#include "tests/ui/app_window.h"

using veloce::uitest::AppWindow;

namespace {

// What the user reads in each place the issue named.
struct Shown {
  QString section, device, context, seed, contextBox, server, verdict, summary, setup;
};

QString textOf(QQuickItem* item, const char* property = "text") {
  return item ? item->property(property).toString() : QString();
}

}  // namespace

class TestLanguageSwitch : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    app_->settings().setDevice(QStringLiteral("reference"));
    const auto c = app_->store().create_conversation({QStringLiteral("Snails"), {}, {}, {}, {}});
    app_->store().append_message(c.id, 0, veloce::storage::Role::User, QStringLiteral("How many?"));
    QVERIFY(app_->show());
    app_->chat().model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf"));
    QTRY_COMPARE_WITH_TIMEOUT(app_->chat().model()->state(), QStringLiteral("ready"), 60000);
    dialog_ = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(dialog_);
    QMetaObject::invokeMethod(dialog_, "open");
    QTRY_VERIFY(dialog_->property("opened").toBool());
  }
  void cleanupTestCase() { app_.reset(); }

  // The locale numbers are written in: the system's own when it speaks the chosen language (its
  // region's habits kept), else the language's main one.
  void theLocaleIsTheChosenLanguagesKeepingTheSystemsRegion() {
    using veloce::app::TranslationLoader;
    QCOMPARE(TranslationLoader::localeFor(QStringLiteral("en"), QLocale(QStringLiteral("en_GB"))).name(),
             QStringLiteral("en_GB"));
    QCOMPARE(TranslationLoader::localeFor(QStringLiteral("it"), QLocale(QStringLiteral("it_CH"))).name(),
             QStringLiteral("it_CH"));
    QCOMPARE(TranslationLoader::localeFor(QStringLiteral("it"), QLocale(QStringLiteral("en_US"))).name(),
             QStringLiteral("it_IT"));
    QCOMPARE(TranslationLoader::localeFor(QStringLiteral("en"), QLocale(QStringLiteral("it_IT"))).name(),
             QStringLiteral("en_US"));
  }

  // The memory plan under "Loaded: ..." on the Model page is made by C++ at the load: it is made
  // again in the new language, and the Loaded line's context in its number format.
  void theLoadedModelsPlanFollowsTheSwitch() {
    QTemporaryDir dir;
    AppWindow app(dir.path());
    app.settings().setLanguage(QStringLiteral("en"));
    app.settings().setDevice(QString());  // Vulkan (lavapipe in CI): only it has a memory plan
    QVERIFY(app.show());
    app.chat().model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf"));
    QTRY_COMPARE_WITH_TIMEOUT(app.chat().model()->state(), QStringLiteral("ready"), 60000);
    // A GPU's plan begins with the graphics card, a CPU driver's (lavapipe in CI) with the CPU.
    const QString gpuEnglish = QStringLiteral("Graphics card: "), cpuEnglish = QStringLiteral("Runs on the CPU");
    QQuickItem* plan = nullptr;
    QQuickItem* loaded = nullptr;
    for (QQuickItem* it : veloce::uitest::allItems(app.window())) {
      const QString text = textOf(it);
      if (it->inherits("QQuickLabel") && (text.startsWith(gpuEnglish) || text.startsWith(cpuEnglish))) plan = it;
      if (it->inherits("QQuickLabel") && text.startsWith(QStringLiteral("Loaded: "))) loaded = it;
    }
    QVERIFY(plan && loaded);
    const QString english = textOf(plan).startsWith(gpuEnglish) ? gpuEnglish : cpuEnglish;
    const QString italian =
        english == gpuEnglish ? QStringLiteral("Scheda grafica: ") : QStringLiteral("Funziona sulla CPU");
    app.settings().setLanguage(QStringLiteral("it"));
    QTRY_VERIFY2(textOf(plan).startsWith(italian), qPrintable(textOf(plan)));
    QVERIFY2(textOf(loaded).endsWith(QStringLiteral("contesto di 4.096 token.")), qPrintable(textOf(loaded)));
    app.settings().setLanguage(QStringLiteral("en"));
    QTRY_VERIFY2(textOf(plan).startsWith(english), qPrintable(textOf(plan)));
    QVERIFY2(textOf(loaded).endsWith(QStringLiteral("context 4,096 tokens.")), qPrintable(textOf(loaded)));
  }

  void everyStringFollowsASwitchToItalianAndBack() {
    const Shown english = shown();
    QCOMPARE(english.section, QStringLiteral("Today"));
    QVERIFY2(english.device.endsWith(QStringLiteral(" · CPU (fp32 reference)")), qPrintable(english.device));
    QVERIFY2(english.context.startsWith(QStringLiteral("Context ")) && english.context.endsWith(QStringLiteral("4,096")),
             qPrintable(english.context));
    QCOMPARE(english.seed, QStringLiteral("random"));
    QVERIFY2(english.setup.contains(QStringLiteral("Context: 4,096 tokens.")), qPrintable(english.setup));
    QCOMPARE(english.contextBox, QStringLiteral("4,096"));
    QCOMPARE(english.server, QStringLiteral("Off. Other programs on this computer cannot use the model."));
    QVERIFY2(!english.verdict.isEmpty(), "no verdict line in the catalogue");
    QVERIFY2(english.summary.endsWith(QStringLiteral("Good quality at the size most GPUs hold: the usual choice.")),
             qPrintable(english.summary));

    choose(QStringLiteral("Italiano"));
    const Shown italian = shown();
    // Every place checked before failing, so a failure lists all that stayed English.
    QStringList stale;
    const auto expect = [&stale](bool ok, const QString& what, const QString& shownText) {
      if (!ok) stale << what + QStringLiteral(": ") + shownText;
    };
    expect(italian.section == QStringLiteral("Oggi"), QStringLiteral("sidebar heading"), italian.section);
    expect(italian.device.endsWith(QStringLiteral(" · CPU (riferimento fp32)")), QStringLiteral("status device"),
           italian.device);
    expect(italian.context.startsWith(QStringLiteral("Contesto ")) && italian.context.endsWith(QStringLiteral("4.096")),
           QStringLiteral("status context"), italian.context);
    expect(italian.setup.contains(QStringLiteral("Contesto: 4.096 token.")), QStringLiteral("setup view"), italian.setup);
    expect(italian.seed == QStringLiteral("casuale"), QStringLiteral("seed box"), italian.seed);
    expect(italian.contextBox == QStringLiteral("4.096"), QStringLiteral("context box"), italian.contextBox);
    expect(italian.server == QStringLiteral("Spento. Gli altri programmi di questo computer non possono usare il modello."),
           QStringLiteral("server status"), italian.server);
    expect(!italian.verdict.isEmpty() && italian.verdict != english.verdict, QStringLiteral("download verdict"),
           italian.verdict);
    expect(italian.summary.endsWith(
               QStringLiteral("Buona qualità alla dimensione che la maggior parte delle GPU contiene: la scelta abituale.")),
           QStringLiteral("catalogue description"), italian.summary);
    expect(!italian.summary.contains(QRegularExpression(QStringLiteral("\\d\\.\\d"))),
           QStringLiteral("catalogue sizes (9,9 GB)"), italian.summary);
    // The device box still shows the chosen device (its list was made again, in Italian).
    const QString device = textOf(app_->item(QStringLiteral("deviceBox")), "currentText");
    expect(device == QStringLiteral("CPU (riferimento, molto lenta)"), QStringLiteral("device box"), device);
    QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("still English or stale after the switch:\n") + stale.join(u'\n')));

    choose(QStringLiteral("English"));
    const Shown back = shown();
    QCOMPARE(back.section, english.section);
    QCOMPARE(back.device, english.device);
    QCOMPARE(back.context, english.context);
    QCOMPARE(back.seed, english.seed);
    QCOMPARE(back.setup, english.setup);
    QCOMPARE(back.contextBox, english.contextBox);
    QCOMPARE(back.server, english.server);
    QCOMPARE(back.verdict, english.verdict);
    QCOMPARE(back.summary, english.summary);
  }

  // Settings > Server's request log: rows logged before the switch say their outcome in the new
  // language and their token counts and speed in its number format, and back again.
  void theRequestLogsRowsFollowTheSwitch() {
    using veloce::server::ExchangeRecord;
    veloce::app::ServerRequestLog* log = app_->chat().server()->requests();
    // A request of this client to the chat route (the rest set below, as the server fills it in).
    const auto request = [](quint64 id) {
      ExchangeRecord record;
      record.id = id;
      record.client = QStringLiteral("127.0.0.1");
      record.endpoint = QStringLiteral("/v1/chat/completions");
      return record;
    };
    log->started(request(1));
    log->stopRunning();         // as the switch going off does to a request still generating
    log->finished(request(2));  // status 0: the client left
    ExchangeRecord answered = request(3);
    answered.status = 200;
    answered.prompt_tokens = 4096;
    answered.completion_tokens = 1234;
    answered.tokens_per_second = 12.5;
    log->finished(answered);
    ExchangeRecord generating = request(4);
    generating.prompt_tokens = 4096;
    log->started(generating);

    const QStringList english{
        QStringLiteral("127.0.0.1 · /v1/chat/completions · 4,096 + 0 tokens · 0.0 tokens/s · generating"),
        QStringLiteral("127.0.0.1 · /v1/chat/completions · 4,096 + 1,234 tokens · 12.5 tokens/s · 200"),
        QStringLiteral("127.0.0.1 · /v1/chat/completions · client left"),
        QStringLiteral("127.0.0.1 · /v1/chat/completions · the server stopped")};
    const QStringList italian{
        QStringLiteral("127.0.0.1 · /v1/chat/completions · 4.096 + 0 token · 0,0 token/s · in generazione"),
        QStringLiteral("127.0.0.1 · /v1/chat/completions · 4.096 + 1.234 token · 12,5 token/s · 200"),
        QStringLiteral("127.0.0.1 · /v1/chat/completions · client disconnesso"),
        QStringLiteral("127.0.0.1 · /v1/chat/completions · il server si è fermato")};
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 3);
    QTRY_COMPARE(requestRows(), english);

    choose(QStringLiteral("Italiano"));
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 3);
    QTRY_COMPARE(requestRows(), italian);

    choose(QStringLiteral("English"));
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 3);
    QTRY_COMPARE(requestRows(), english);
  }

  // Refused requests in the log say why in the interface language: in Italian they read in
  // English, the API's message to the client (before the fix). A refusal whose message names
  // what was wrong quotes it, as the client received it, in the language's quotation marks.
  void theRequestLogsRefusalsAreInItalian() {
    using veloce::server::ExchangeRecord;
    veloce::app::ServerRequestLog* log = app_->chat().server()->requests();
    quint64 id = 100;
    const auto refused = [&](int status, const char* message) {
      ExchangeRecord record;
      record.id = ++id;
      record.client = QStringLiteral("127.0.0.1");
      record.endpoint = QStringLiteral("/v1/chat/completions");
      record.status = status;
      record.error = QString::fromUtf8(message);
      log->finished(record);
    };
    // As app/server words them (newest last here, first in the list).
    refused(400, "the prompt is empty");
    refused(401, "Incorrect or missing API key: send 'Authorization: Bearer KEY'");
    refused(413, "the request body is larger than 1048576 bytes");
    refused(429, "the server is busy with other requests; retry shortly");
    refused(431, "the request's head (request line and header fields) is larger than 65536 bytes");
    refused(503, "the server has too many open connections; retry shortly");
    const QString row = QStringLiteral("127.0.0.1 · /v1/chat/completions · %1");
    const QStringList italian{row.arg(QStringLiteral("503: troppe connessioni aperte")),
                              row.arg(QStringLiteral("431: intestazioni della richiesta troppo grandi")),
                              row.arg(QStringLiteral("429: occupato con altre richieste")),
                              row.arg(QStringLiteral("413: richiesta troppo grande")),
                              row.arg(QStringLiteral("401: chiave API errata o mancante")),
                              row.arg(QStringLiteral("400: richiesta non valida: «the prompt is empty»"))};
    choose(QStringLiteral("Italiano"));
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 3);
    QTRY_COMPARE(requestRows().mid(0, italian.size()), italian);
    choose(QStringLiteral("English"));
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 3);
    QTRY_COMPARE(requestRows().first(), row.arg(QStringLiteral("503: too many open connections")));
  }

  // Settings > Generation's slider values are numbers in the interface language's format too:
  // 1,50 in Italian. Before the fix they stayed "1.50 / 0.95 / 0.05 / 1.00" after a switch.
  void theGenerationSlidersFollowTheSwitch() {
    app_->settings().setTemperature(1.5);
    app_->settings().setTopP(0.95);
    app_->settings().setMinP(0.05);
    app_->settings().setRepeatPenalty(1.0);
    const QStringList english{QStringLiteral("1.50"), QStringLiteral("0.95"), QStringLiteral("0.05"),
                              QStringLiteral("1.00")};
    const QStringList italian{QStringLiteral("1,50"), QStringLiteral("0,95"), QStringLiteral("0,05"),
                              QStringLiteral("1,00")};
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 1);
    QTRY_COMPARE(sliderValues(), english);

    choose(QStringLiteral("Italiano"));
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 1);
    QTRY_COMPARE(sliderValues(), italian);

    choose(QStringLiteral("English"));
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 1);
    QTRY_COMPARE(sliderValues(), english);
  }

 private:
  // The values beside Settings > Generation's sliders as shown, top to bottom.
  QStringList sliderValues() {
    QList<QQuickItem*> labels;
    for (QQuickItem* it : veloce::uitest::allItems(app_->window()))
      if (it->objectName() == QStringLiteral("sliderValue") && it->isVisible()) labels << it;
    std::sort(labels.begin(), labels.end(), [](QQuickItem* a, QQuickItem* b) {
      return a->mapToScene(QPointF(0, 0)).y() < b->mapToScene(QPointF(0, 0)).y();
    });
    QStringList texts;
    for (QQuickItem* label : labels) texts << textOf(label);
    return texts;
  }

  // The rows of Settings > Server's request list as shown, top to bottom.
  QStringList requestRows() {
    QQuickItem* list = app_->item(QStringLiteral("serverRequests"));
    if (!list || !list->isVisible()) return {};
    QList<QQuickItem*> rows;
    for (QQuickItem* it : veloce::uitest::allItems(list))
      if (it->inherits("QQuickLabel") && it->isVisible() && textOf(it).contains(QStringLiteral(" · "))) rows << it;
    std::sort(rows.begin(), rows.end(), [](QQuickItem* a, QQuickItem* b) { return a->y() < b->y(); });
    QStringList texts;
    for (QQuickItem* row : rows) texts << textOf(row);
    return texts;
  }

  // Picks `name` in Settings > Appearance > Language, as a click on that entry does.
  void choose(const QString& name) {
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 2);
    QQuickItem* box = app_->item(QStringLiteral("languageBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    int row = -1;
    QVERIFY(QMetaObject::invokeMethod(box, "find", Q_RETURN_ARG(int, row), Q_ARG(QString, name)));
    QVERIFY(row >= 0);
    box->setProperty("currentIndex", row);
    QVERIFY(QMetaObject::invokeMethod(box, "activated", Q_ARG(int, row)));
    // The sidebar redraws its headings at its next layout pass: wait for that (or up to 5 s, and
    // let the checks that follow say what stayed as it was).
    const QString today = name == QStringLiteral("Italiano") ? QStringLiteral("Oggi") : QStringLiteral("Today");
    (void)QTest::qWaitFor([&] { return shown().section == today; }, 5000);
  }

  Shown shown() {
    Shown s;
    for (QQuickItem* it : veloce::uitest::allItems(app_->window())) {
      const QString name = it->objectName();
      const QString text = textOf(it);
      if (name == QStringLiteral("statusPart") && it->isVisible()) {
        if (text.startsWith(QStringLiteral("Cont"))) s.context = text;
        else if (text.contains(QStringLiteral(" · "))) s.device = text;
      } else if (name.startsWith(QStringLiteral("catalogue_Q4_K_M")) && s.summary.isEmpty()) {
        for (QQuickItem* part : veloce::uitest::allItems(it)) {
          if (part->objectName() == QStringLiteral("catalogueSummary")) s.summary = textOf(part);
          if (part->objectName() == QStringLiteral("verdict")) s.verdict = textOf(part);
        }
      } else if (it->inherits("QQuickLabel") &&
                 (text.startsWith(QStringLiteral("Device: ")) || text.startsWith(QStringLiteral("Dispositivo: ")))) {
        s.setup = text;  // the setup view's line (the view shows again whenever no model is ready)
      } else if (it->inherits("QQuickLabel") && it->isVisible() &&
                 (text == QStringLiteral("Today") || text == QStringLiteral("Oggi"))) {
        s.section = text;  // the sidebar's heading over today's conversations
      }
    }
    s.seed = textOf(app_->item(QStringLiteral("seedBox")), "displayText");
    s.contextBox = textOf(app_->item(QStringLiteral("contextSizeBox")), "displayText");
    s.server = textOf(app_->item(QStringLiteral("serverStatus")));
    return s;
  }

  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
  QObject* dialog_ = nullptr;
};

QTEST_MAIN(TestLanguageSwitch)
#include "test_language_switch.moc"
