// Settings as a person meets them after a restart: what was chosen (and saved) is what the
// Settings dialog shows, not the first entry of each list. Before the fix the Theme box said
// "Follow the system" while Dark was saved and in use.
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/app_window.h"

using veloce::uitest::AppWindow;

class TestSettingsRestart : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
  }

  void appearanceShowsWhatWasSaved() {
    {
      AppWindow first(dir_.path());
      QVERIFY(first.show());
      first.settings().setTheme(QStringLiteral("dark"));
      first.settings().setLanguage(QStringLiteral("it"));
      first.settings().setFontSize(14);
      first.settings().setSeed(0);  // random
    }
    AppWindow app(dir_.path());  // the restart: new settings object over the same file
    QVERIFY(app.show());
    QCOMPARE(app.settings().theme(), QStringLiteral("dark"));
    QVERIFY(app.root()->property("darkTheme").toBool());  // what is in use
    QObject* dialog = app.object(QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app.object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 2);
    auto* theme = app.item(QStringLiteral("themeBox"));
    auto* language = app.item(QStringLiteral("languageBox"));
    auto* font = app.item(QStringLiteral("fontSizeBox"));
    QVERIFY(theme && language && font);
    QTRY_VERIFY(theme->isVisible());
    QCOMPARE(theme->property("currentValue").toString(), QStringLiteral("dark"));
    QCOMPARE(language->property("currentValue").toString(), QStringLiteral("it"));
    QCOMPARE(language->property("currentText").toString(), QStringLiteral("Italiano"));
    QCOMPARE(font->property("value").toInt(), 14);

    // Seed 0 is what "random" is stored as: the box says so, and a number shows as the number.
    app.object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 1);
    auto* seed = app.item(QStringLiteral("seedBox"));
    QVERIFY(seed);
    QTRY_VERIFY(seed->isVisible());
    QCOMPARE(seed->property("displayText").toString(), QStringLiteral("casuale"));  // Italian: the language saved above
    app.settings().setSeed(42);
    QCOMPARE(seed->property("displayText").toString(), QStringLiteral("42"));
  }

  // The conversation open at quit is open again at start; one deleted since is not an error.
  void lastConversationIsReopened() {
    QTemporaryDir dir;
    qint64 second = 0;
    {
      AppWindow first(dir.path());
      first.settings().setLanguage(QStringLiteral("en"));
      const auto a = first.store().create_conversation({QStringLiteral("First"), {}, {}, {}, {}});
      first.store().append_message(a.id, 0, veloce::storage::Role::User, QStringLiteral("one"));
      const auto b = first.store().create_conversation({QStringLiteral("Second"), {}, {}, {}, {}});
      first.store().append_message(b.id, 0, veloce::storage::Role::User, QStringLiteral("two"));
      second = b.id;
      QVERIFY(first.show());
      QVERIFY(first.chat().openConversation(a.id));
      QVERIFY(first.chat().openConversation(b.id));
    }
    {
      AppWindow again(dir.path());
      QVERIFY(again.show());
      QCOMPARE(again.chat().currentConversationId(), second);
      QCOMPARE(again.chat().messages()->rowCount(), 1);
      again.store().delete_conversation(second);
      again.store().purge_deleted();
    }
    AppWindow third(dir.path());
    QVERIFY(third.show());
    QCOMPARE(third.chat().currentConversationId(), qint64{-1});
    QCOMPARE(third.chat().lastError(), QString());
  }

  // Italian starts with an Italian default system prompt (until the user writes their own).
  void defaultSystemPromptIsTranslated() {
    QTemporaryDir dir;
    AppWindow app(dir.path());
    app.settings().setLanguage(QStringLiteral("it"));
    QVERIFY(app.show());
    QCOMPARE(app.settings().defaultSystemPrompt(), QStringLiteral("Sei un assistente disponibile."));
    app.settings().setDefaultSystemPrompt(QStringLiteral("Rispondi in breve."));
    QCOMPARE(app.settings().defaultSystemPrompt(), QStringLiteral("Rispondi in breve."));
  }

  // A model chosen in Settings is loaded (before: only saved, and nothing said so).
  void modelChosenInSettingsLoads() {
    QTemporaryDir dir;
    AppWindow app(dir.path());
    app.settings().setLanguage(QStringLiteral("en"));
    app.settings().setDevice(QStringLiteral("reference"));
    QVERIFY(app.show());
    QCOMPARE(app.chat().model()->state(), QStringLiteral("none"));
    QObject* dialog = app.object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    QObject* page = app.object(QStringLiteral("modelSettingsPage"));
    QVERIFY(page);
    // What the file dialog's Accept does with the chosen file.
    const QString model = QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf");
    QVERIFY(QMetaObject::invokeMethod(page, "useFile", Q_ARG(QVariant, model)));
    QCOMPARE(app.settings().modelPath(), model);
    QTRY_COMPARE_WITH_TIMEOUT(app.chat().model()->state(), QStringLiteral("ready"), 60000);
  }

  // The KV cache's precision: what was saved is what the box shows after a restart, choosing in
  // the box saves it, and the next load plans the cache in that type (the plan line says so).
  void kvTypeShowsWhatWasSavedAndReachesTheLoad() {
    QTemporaryDir dir;
    {
      AppWindow first(dir.path());
      QVERIFY(first.show());
      first.settings().setKvType(QStringLiteral("q8_0"));
    }
    AppWindow app(dir.path());
    app.settings().setLanguage(QStringLiteral("en"));
    app.settings().setDevice(QString());  // Vulkan: the reference backend has no KV cache types
    QVERIFY(app.show());
    QObject* dialog = app.object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app.object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 0);
    auto* box = app.item(QStringLiteral("kvTypeBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->property("currentValue").toString(), QStringLiteral("q8_0"));
    QCOMPARE(box->property("currentText").toString(), QStringLiteral("8-bit (q8_0), about half the memory"));

    QObject* page = app.object(QStringLiteral("modelSettingsPage"));
    const QString model = QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf");
    QVERIFY(QMetaObject::invokeMethod(page, "useFile", Q_ARG(QVariant, model)));
    QTRY_COMPARE_WITH_TIMEOUT(app.chat().model()->state(), QStringLiteral("ready"), 60000);
    QVERIFY2(app.chat().model()->info().contains(
                 QStringLiteral("Conversation memory (KV cache, 8-bit): 1.1 MiB for 4,096 tokens")),
             qPrintable(app.chat().model()->info()));

    // Choosing 16-bit in the box, as a click on its first entry does.
    box->setProperty("currentIndex", 0);
    QVERIFY(QMetaObject::invokeMethod(box, "activated", Q_ARG(int, 0)));
    QCOMPARE(app.settings().kvType(), QStringLiteral("f16"));
  }

  void followTheSystemAfterReset() {
    AppWindow app(dir_.path());
    app.settings().resetToDefaults();
    QVERIFY(app.show());
    QObject* dialog = app.object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    QCOMPARE(app.item(QStringLiteral("themeBox"))->property("currentValue").toString(), QStringLiteral("system"));
    QCOMPARE(app.item(QStringLiteral("languageBox"))->property("currentValue").toString(), QString());
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestSettingsRestart)
#include "test_settings_restart.moc"
