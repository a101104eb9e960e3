// Main.qml loaded as the app loads it (same context objects, Material style, offscreen): it must
// instantiate without a single QML warning, before and after a model is loaded and a reply is
// streamed; the window-wide shortcuts must exist and work; every interactive control must have an
// accessible name (what a screen reader says).
#include <QAccessible>
#include <QDirIterator>
#include <QFile>
#include <QKeySequence>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <string_view>

#include "app/chat/chat_controller.h"
#include "app/models/desktop_bridge.h"
#include "app/models/qml_context.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"

namespace {

QStringList g_warnings;
QtMessageHandler g_previous = nullptr;

void recordWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message) {
  if (type != QtDebugMsg && type != QtInfoMsg) g_warnings.append(message);
  if (g_previous) g_previous(type, context, message);
}

bool isInteractiveControl(const QObject* object) {
  static const char* const kinds[] = {"QQuickAbstractButton", "QQuickTextField", "QQuickTextArea", "QQuickComboBox",
                                      "QQuickSpinBox",        "QQuickSlider",    "QQuickTabBar",   "QQuickProgressBar"};
  for (const char* kind : kinds)
    if (object->inherits(kind)) return true;
  return false;
}

// Controls that are parts of another control (a ComboBox's text field, a SpinBox's buttons)
// are named by their owner.
bool insideAnotherControl(const QQuickItem* item) {
  for (QQuickItem* p = item->parentItem(); p; p = p->parentItem())
    if (isInteractiveControl(p) && !p->inherits("QQuickTabBar")) return true;
  return false;
}

// Every item below root, through both the visual tree and QObject ownership (Loaders, layouts
// and popups put items in one or the other).
void collectItems(QObject* object, QSet<QQuickItem*>& seen) {
  if (auto* item = qobject_cast<QQuickItem*>(object)) {
    if (seen.contains(item)) return;
    seen.insert(item);
    for (QQuickItem* child : item->childItems()) collectItems(child, seen);
  }
  for (QObject* child : object->children()) collectItems(child, seen);
}

QList<QQuickItem*> allItems(QObject* root) {
  QSet<QQuickItem*> seen;
  collectItems(root, seen);
  return seen.values();
}

QQuickItem* findItem(QObject* root, const QString& name) {
  for (QQuickItem* item : allItems(root))
    if (item->objectName() == name) return item;
  return nullptr;
}

// The item called `name` that has the keyboard focus (several delegates share a name).
QQuickItem* focusedItem(QObject* root, const QString& name) {
  for (QQuickItem* item : allItems(root))
    if (item->objectName() == name && item->hasActiveFocus()) return item;
  return nullptr;
}

QStringList unnamedControls(QQuickItem* root) {
  QStringList unnamed;
  const auto items = allItems(root);
  for (QQuickItem* item : items) {
    if (!isInteractiveControl(item) || insideAnotherControl(item)) continue;
    QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(item);
    const QString name = accessible ? accessible->text(QAccessible::Name) : QString();
    if (name.trimmed().isEmpty())
      unnamed.append(
          QStringLiteral("%1 '%2' text '%3' (parent %4)")
              .arg(QString::fromLatin1(item->metaObject()->className()), item->objectName(),
                   item->property("text").toString(),
                   item->parentItem() ? QString::fromLatin1(item->parentItem()->metaObject()->className()) : QString()));
  }
  return unnamed;
}

}  // namespace

class TestMainQml : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QQuickStyle::setStyle(QStringLiteral("Material"));
    g_previous = qInstallMessageHandler(recordWarnings);
    QVERIFY(dir_.isValid());
    store_.emplace(dir_.filePath(QStringLiteral("conversations.sqlite")));
    settings_ = std::make_unique<veloce::app::AppSettings>(dir_.filePath(QStringLiteral("settings.ini")));
    settings_->setLanguage(QStringLiteral("en"));
    chat_ = std::make_unique<veloce::app::ChatController>(&*store_, settings_.get());
    engine_ = std::make_unique<QQmlApplicationEngine>();
    new veloce::app::QmlContext(engine_.get(), chat_.get(), engine_.get());
    engine_->load(QUrl(QStringLiteral("qrc:/ui/Main.qml")));
    QCOMPARE(engine_->rootObjects().size(), 1);
    window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
    QVERIFY(window_);
    QVERIFY(QTest::qWaitForWindowExposed(window_));
    QTest::qWait(200);
  }

  void cleanupTestCase() {
    engine_.reset();
    chat_.reset();
    qInstallMessageHandler(g_previous);
  }

  void loadsWithoutWarnings() {
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
    // No model yet: the setup view is what the user sees.
    QCOMPARE(chat_->model()->state(), QStringLiteral("none"));
    auto* choose = findItem(window_->contentItem(), QStringLiteral("chooseModelButton"));
    QVERIFY(choose);
    QVERIFY(choose->isVisible());
  }

  void windowShortcutsExist() {
    QStringList sequences;
    for (QObject* object : engine_->rootObjects().first()->findChildren<QObject*>()) {
      if (object->inherits("QQuickShortcut")) {
        const QVariant sequence = object->property("sequence");
        sequences.append(QKeySequence(sequence.toString()).toString(QKeySequence::PortableText));
      }
    }
    for (const char* expected : {"Ctrl+N", "Ctrl+F", "Ctrl+E", "Esc", "Ctrl+,"})
      QVERIFY2(sequences.contains(QString::fromLatin1(expected)),
               qPrintable(QStringLiteral("missing %1 in %2").arg(QString::fromLatin1(expected), sequences.join(u' '))));
  }

  void shortcutsOpenWhatTheySay() {
    QQuickItem* content = window_->contentItem();
    window_->requestActivate();
    QTest::keyClick(window_, Qt::Key_F, Qt::ControlModifier);
    auto* search = findItem(content, QStringLiteral("searchField"));
    QVERIFY(search);
    QTRY_VERIFY(search->hasActiveFocus());

    QObject* settings = engine_->rootObjects().first()->findChild<QObject*>(QStringLiteral("settingsDialog"));
    QVERIFY(settings);
    QTest::keyClick(window_, Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY(settings->property("opened").toBool());
    checkNamed(QStringLiteral("settings, model page"));
    // Every page of the settings, so their controls exist and are checked too.
    QObject* tabs = settings->findChild<QObject*>(QStringLiteral("settingsTabs"));
    QVERIFY(tabs);
    for (int page = 1; page < 3; ++page) {
      tabs->setProperty("currentIndex", page);
      QTest::qWait(50);
      checkNamed(QStringLiteral("settings page %1").arg(page));
    }
    QMetaObject::invokeMethod(settings, "close");
    QTRY_VERIFY(!settings->property("visible").toBool());

    QObject* exporter = engine_->rootObjects().first()->findChild<QObject*>(QStringLiteral("exportDialog"));
    QVERIFY(exporter);
    QTest::keyClick(window_, Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(exporter->property("opened").toBool());
    checkNamed(QStringLiteral("export dialog"));
    QMetaObject::invokeMethod(exporter, "close");
    QTRY_VERIFY(!exporter->property("visible").toBool());
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
  }

  void controlsHaveAccessibleNames() { checkNamed(QStringLiteral("setup view")); }

  void noScreenshotPlumbingInTheShippedUi() {
    // scripts/screenshots.sh drives the window through tests/ui/veloce_screenshot; the UI the app
    // ships (this qrc, the same library veloce links) must hold none of that driver.
    QDirIterator it(QStringLiteral(":/ui"), QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
      const QString path = it.next();
      if (!it.fileInfo().isFile()) continue;
      ++files;
      QVERIFY2(!path.contains(QStringLiteral("Screenshot"), Qt::CaseInsensitive), qPrintable(path));
      QFile file(path);
      QVERIFY(file.open(QIODevice::ReadOnly));
      QVERIFY2(!file.readAll().contains("screenshot"), qPrintable(path));
    }
    QVERIFY(files > 10);  // the iteration saw the real UI
    QVERIFY(!engine_->rootContext()->contextProperty(QStringLiteral("screenshotState")).isValid());
  }

  // The views reach C++ only through the module's types: no context property is left, and each
  // singleton QML names is the instance the C++ side drives (the app's controller and the two split
  // from it, the export and database-health controllers).
  void viewsReachCppThroughSingletonsOnly() {
    for (const char* name : {"chat", "markdown", "desktop"})
      QVERIFY2(!engine_->rootContext()->contextProperty(QLatin1String(name)).isValid(), name);
    QQmlComponent probe(engine_.get());
    probe.setData(
        "import QtQml\nimport Veloce\nQtObject {\n"
        "  property var chat: ChatController\n  property var model: ModelController\n"
        "  property var list: ConversationList\n  property var exporter: ExportController\n"
        "  property var health: DatabaseHealth\n  property var desktop: DesktopBridge\n}\n",
        QUrl(QStringLiteral("qrc:/test/Probe.qml")));
    std::unique_ptr<QObject> object(probe.create());
    QVERIFY2(object, qPrintable(probe.errorString()));
    const auto named = [&](const char* property) { return object->property(property).value<QObject*>(); };
    QCOMPARE(named("chat"), static_cast<QObject*>(chat_.get()));
    QCOMPARE(named("model"), static_cast<QObject*>(chat_->model()));
    QCOMPARE(named("list"), static_cast<QObject*>(chat_->conversationList()));
    QVERIFY(qobject_cast<veloce::app::ExportController*>(named("exporter")));
    QVERIFY(qobject_cast<veloce::app::DatabaseHealth*>(named("health")));
    QVERIFY(qobject_cast<veloce::app::DesktopBridge*>(named("desktop")));
  }

  void conversationViewStreamsWithoutWarnings() {
    // The tiny fixture model on the CPU reference backend: the conversation view replaces the setup
    // view, a reply streams into a message delegate, and still nothing warns.
    settings_->setDevice(QStringLiteral("reference"));
    settings_->setMaxReplyTokens(48);
    // Greedy replies make the conversation deterministic: with a random seed the random-weight
    // model can sample <|im_end|> early, and a reply that ends before Esc arrives cannot be stopped.
    settings_->setTemperature(0.0);
    chat_->model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf"));
    QTRY_COMPARE_WITH_TIMEOUT(chat_->model()->state(), QStringLiteral("ready"), 60000);
    QSignalSpy finished(chat_.get(), &veloce::app::ChatController::replyFinished);
    QVERIFY(chat_->send(QStringLiteral("Show me `code`:\n```cpp\nint x = 1;\n```")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QTest::qWait(200);
    auto* list = findItem(window_->contentItem(), QStringLiteral("messageList"));
    QVERIFY(list);
    QVERIFY(list->isVisible());
    QCOMPARE(list->property("count").toInt(), 2);
    checkNamed(QStringLiteral("conversation view"));
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
  }

  void statusLineStaysOneLine() {
    // After a reply the status line holds the model, the context and the reply's figures. It is
    // one line at the default width and at 800 px (it wrapped to two and pushed the reply's footer
    // below the fold); what does not fit is elided, the model's part first, never the reply's figures.
    for (const int width : {1180, 800}) {
      window_->setWidth(width);
      QTest::qWait(100);
      QStringList shown;
      QList<QQuickItem*> parts;
      for (QQuickItem* item : allItems(window_->contentItem()))
        if (item->objectName() == QStringLiteral("statusPart") && item->isVisible()) parts << item;
      for (QQuickItem* item : parts) {
        shown << item->property("text").toString();
        const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        QVERIFY2(r.right() <= width + 0.5 && r.bottom() <= window_->height() + 0.5, qPrintable(shown.last()));
        QCOMPARE(r.top(), parts.first()->mapRectToScene(QRectF(0, 0, 1, 1)).top());  // one line
        if (shown.last().startsWith(QStringLiteral("Last reply:")))
          QVERIFY2(!item->property("truncated").toBool(),
                   qPrintable(QStringLiteral("cut at %1 px: ").arg(width) + shown.last()));
      }
      // (allItems is not in screen order.)
      QVERIFY2(shown.size() == 3 && shown.filter(QStringLiteral("Last reply:")).size() == 1, qPrintable(shown.join(u'|')));
      auto* line = findItem(window_->contentItem(), QStringLiteral("statusText"));
      QVERIFY(line);
      QVERIFY2(line->height() < 1.5 * parts.first()->height(),
               qPrintable(QStringLiteral("%1 px high at %2 px wide").arg(line->height()).arg(width)));
    }
    window_->setWidth(1180);
  }

  // The reply's footer and the status line say its time to first token in the same words (one
  // format, FirstTokenTime.qml: "479 ms" under a second, then "1.5 s"). Before, the footer said
  // "0.5 s to first token" while the status line said "479 ms to first token".
  void theFooterAndTheStatusLineSayTheTimeToFirstTokenAlike() {
    const double ms = chat_->lastTimeToFirstTokenMs();
    QVERIFY(ms > 0);
    const QString expected = qRound(ms) < 1000 ? QStringLiteral("%1 ms").arg(QLocale().toString(qRound(ms)))
                                               : QStringLiteral("%1 s").arg(QLocale().toString(ms / 1000, 'f', 1));
    const QString words = expected + QStringLiteral(" to first token");
    QString footer, status;
    for (QQuickItem* item : allItems(window_->contentItem())) {
      const QString text = item->property("text").toString();
      if (item->objectName() == QStringLiteral("replyFigures") && item->isVisible() && text.contains(u'·')) footer = text;
      if (item->objectName() == QStringLiteral("statusPart") && text.startsWith(QStringLiteral("Last reply:")))
        status = text;
    }
    QVERIFY2(footer.contains(QStringLiteral(" · ") + words + QStringLiteral(" · ")), qPrintable(footer + u'|' + words));
    QVERIFY2(status.startsWith(QStringLiteral("Last reply: ") + words + QStringLiteral(", ")),
             qPrintable(status + u'|' + words));
  }

  void keyboardDrivesTheConversation() {
    // Enter sends, Esc stops, Up in the empty composer edits your last message, Esc cancels the
    // edit, Ctrl+N starts a new conversation: all without the mouse.
    QQuickItem* content = window_->contentItem();
    window_->requestActivate();
    auto* input = findItem(content, QStringLiteral("composerInput"));
    QVERIFY(input);
    settings_->setMaxReplyTokens(4000);
    QSignalSpy pieces(chat_.get(), &veloce::app::ChatController::replyPiece);
    QSignalSpy finished(chat_.get(), &veloce::app::ChatController::replyFinished);
    input->forceActiveFocus();
    QTRY_VERIFY(input->hasActiveFocus());
    for (const char c : std::string_view("Count the snails")) QTest::keyClick(window_, c);
    QTest::keyClick(window_, Qt::Key_Return);
    QVERIFY(chat_->busy());
    QCOMPARE(input->property("text").toString(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(pieces.size() >= 2, 60000);
    QTest::keyClick(window_, Qt::Key_Escape);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("stopped"));
    const int rows = chat_->messages()->rowCount();
    QCOMPARE(chat_->messages()->at(rows - 1).state, QStringLiteral("stopped"));

    input->forceActiveFocus();
    QTRY_VERIFY(input->hasActiveFocus());
    QTest::keyClick(window_, Qt::Key_Up);
    QQuickItem* editor = nullptr;
    QTRY_VERIFY((editor = focusedItem(content, QStringLiteral("messageEditorArea"))) != nullptr);
    QCOMPARE(editor->property("text").toString(), QStringLiteral("Count the snails"));
    QTest::keyClick(window_, Qt::Key_Escape);
    QTRY_VERIFY(!editor->isVisible());
    QCOMPARE(chat_->messages()->rowCount(), rows);  // cancelling changed nothing

    QTest::keyClick(window_, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(chat_->currentConversationId(), qint64{-1});
    QCOMPARE(chat_->messages()->rowCount(), 0);
    QTRY_VERIFY(input->hasActiveFocus());
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
  }

  void linksAskFirst() {
    // A link activated in a reply opens the link dialog with the full address; only http(s) gets
    // an "Open in browser" button.
    QObject* root = engine_->rootObjects().first();
    QObject* view = root->findChild<QObject*>(QStringLiteral("conversationView"));
    QObject* dialog = root->findChild<QObject*>(QStringLiteral("linkDialog"));
    QVERIFY(view && dialog);
    const QString address = QStringLiteral("https://example.org/a/very/long/path?with=query&and=more#fragment");
    QVERIFY(QMetaObject::invokeMethod(view, "linkActivated", Q_ARG(QString, address)));
    QTRY_VERIFY(dialog->property("opened").toBool());
    // Popups are QObject children of the window (their items live in its overlay).
    auto* shown = findItem(window_, QStringLiteral("linkAddress"));
    auto* open = findItem(window_, QStringLiteral("openLinkButton"));
    QVERIFY(shown && open);
    QCOMPARE(shown->property("text").toString(), address);
    QVERIFY(open->isVisible());
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());

    QVERIFY(QMetaObject::invokeMethod(view, "linkActivated", Q_ARG(QString, QStringLiteral("javascript:alert(1)"))));
    QTRY_VERIFY(dialog->property("opened").toBool());
    QCOMPARE(shown->property("text").toString(), QStringLiteral("javascript:alert(1)"));
    QVERIFY(!open->isVisible());
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
  }

 private:
  void checkNamed(const QString& where) {
    QStringList unnamed = unnamedControls(window_->contentItem());
    // Popups (dialogs, menus) live in the overlay, a child of the window's content item's parent.
    if (QQuickItem* overlay = window_->contentItem()->parentItem()) unnamed += unnamedControls(overlay);
    unnamed.removeDuplicates();
    QVERIFY2(unnamed.isEmpty(),
             qPrintable(where + QStringLiteral(": controls without an accessible name:\n") + unnamed.join(u'\n')));
  }

  QTemporaryDir dir_;
  std::optional<veloce::storage::ConversationStore> store_;
  std::unique_ptr<veloce::app::AppSettings> settings_;
  std::unique_ptr<veloce::app::ChatController> chat_;
  std::unique_ptr<QQmlApplicationEngine> engine_;
  QQuickWindow* window_ = nullptr;
};

QTEST_MAIN(TestMainQml)
#include "test_main_qml.moc"
