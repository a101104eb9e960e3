// Every file and folder dialog opened the way a person opens it (a click on its button or menu
// item) and cancelled with Esc, on the platform CI uses: before the packaging fix, Qt Quick
// Dialogs' own QML failed to load (Qt.labs.folderlistmodel missing) and the first click killed
// the app. Cancelling changes nothing, and each dialog starts in a real folder of the user's,
// never the process's working directory.
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickStyle>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "tests/ui/app_window.h"

using veloce::uitest::AppWindow;
using veloce::uitest::click;

namespace {

// The popup that draws a Qt Quick file or folder dialog (the non-native implementation).
QObject* openImplementation(QObject* root) {
  for (QObject* o : root->findChildren<QObject*>())
    if ((o->inherits("QQuickFileDialogImpl") || o->inherits("QQuickFolderDialogImpl")) && o->property("opened").toBool())
      return o;
  return nullptr;
}

}  // namespace

class TestDialogs : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // The working directory is somewhere a user never browses; a dialog opening here is the bug.
    QVERIFY(QDir::setCurrent(dir_.path()));
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    for (const char* title : {"Snails", "Orders"}) {
      const auto c = app_->store().create_conversation({QString::fromLatin1(title), {}, {}, {}, {}});
      const auto q = app_->store().append_message(c.id, 0, veloce::storage::Role::User, QStringLiteral("How many?"));
      app_->store().append_message(c.id, q.id, veloce::storage::Role::Assistant, QStringLiteral("**Five**."));
    }
    QVERIFY(app_->show());
    app_->window()->requestActivate();
    QTest::qWait(100);
  }
  void cleanupTestCase() { app_.reset(); }

  // The ⋮ button's "Main menu" tooltip, shown while the pointer rests on it, does not show while
  // its menu is open (it was drawn over the open menu).
  void theMenuButtonsTooltipHidesWhileItsMenuIsOpen() {
    QQuickItem* button = app_->item(QStringLiteral("mainMenuButton"));
    QVERIFY(button);
    // Hover as on a desktop: the offscreen platform says it has no hover effects, so Qt Quick
    // Controls turn hovering off there.
    button->setProperty("hoverEnabled", true);
    // Shown: the tooltip's text is visible and, with the opacity of the popup around it (which
    // fades in and out), drawn at more than half strength.
    const auto tooltipShown = [&] {
      for (QQuickItem* it : veloce::uitest::allItems(app_->window())) {
        if (!it->inherits("QQuickText") || !it->isVisible() ||
            it->property("text").toString() != QStringLiteral("Main menu"))
          continue;
        qreal opacity = 1;
        for (QQuickItem* p = it; p; p = p->parentItem()) opacity *= p->opacity();
        if (opacity > 0.5) return true;
      }
      return false;
    };
    const QPoint centre = button->mapToScene(QPointF(button->width() / 2, button->height() / 2)).toPoint();
    QTest::mouseMove(app_->window(), centre);
    QTRY_VERIFY2(tooltipShown(), "no tooltip while the pointer rests on the button");
    QTest::mouseClick(app_->window(), Qt::LeftButton, Qt::NoModifier, centre);
    QQuickItem* importItem = nullptr;
    QTRY_VERIFY((importItem = app_->item(QStringLiteral("importMenuItem"))) && importItem->isVisible());
    // The pointer leaves the button and comes back, the menu still open.
    QTest::mouseMove(app_->window(), centre + QPoint(0, -static_cast<int>(button->height())));
    QTRY_VERIFY(!button->property("hovered").toBool());
    QTest::mouseMove(app_->window(), centre);
    QTRY_VERIFY(button->property("hovered").toBool());
    QTest::qWait(500);  // a tooltip's delay, and a frame to draw it
    QVERIFY2(importItem->isVisible(), "the menu closed");
    // A tooltip fading out is still "visible" for a few frames: what counts is that none is drawn.
    QTRY_VERIFY2(!tooltipShown(), "the tooltip shows over the open menu");
    QTest::keyClick(app_->window(), Qt::Key_Escape);
    QTRY_VERIFY(!importItem->isVisible());
    QTest::mouseMove(app_->window(), QPoint(app_->window()->width() / 2, app_->window()->height() - 4));
  }

  // Exporting puts a progress bar and the outcome in the dialog: it keeps its size all the same
  // (it grew by their height at each export, and jumped back at the next opening).
  void theExportDialogKeepsItsSizeThroughAnExport() {
    QObject* dialog = app_->object(QStringLiteral("exportDialog"));
    QVERIFY(dialog);
    QTest::keyClick(app_->window(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(dialog->property("opened").toBool());
    app_->item(QStringLiteral("exportScopeAll"))->setProperty("checked", true);
    app_->item(QStringLiteral("exportFormatBox"))->setProperty("currentIndex", 0);
    QQuickItem* folderField = app_->item(QStringLiteral("exportFolderField"));
    const QString typed = folderField->property("text").toString();  // put back for the tests after this one
    QTest::qWait(300);                                               // the opening transition
    const QSizeF before(dialog->property("width").toReal(), dialog->property("height").toReal());
    for (int round = 1; round <= 2; ++round) {
      QSignalSpy finished(&app_->exporter(), &veloce::app::ExportController::exportFinished);
      folderField->setProperty("text", dir_.filePath(QStringLiteral("sized%1").arg(round)));
      click(app_->item(QStringLiteral("exportButton")));
      QVERIFY(finished.wait(30000) || !finished.isEmpty());
      QTRY_VERIFY(!dialog->property("outcome").toString().isEmpty());
      QTest::qWait(300);  // a layout pass, and any resize it brings
      const QSizeF after(dialog->property("width").toReal(), dialog->property("height").toReal());
      QVERIFY2(after == before, qPrintable(QStringLiteral("export %1: %2 x %3 before, %4 x %5 after")
                                               .arg(round)
                                               .arg(before.width())
                                               .arg(before.height())
                                               .arg(after.width())
                                               .arg(after.height())));
    }
    folderField->setProperty("text", typed);
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  void modelFileDialogFromSetupView() {
    cancelDialog(QStringLiteral("chooseModelButton"), QStringLiteral("modelFileDialog"));
    QCOMPARE(app_->settings().modelPath(), QString());
  }

  // The main menu is as wide as its items (Material's fixed 200 px cut "Import conversations…")
  // and shows each item's shortcut.
  void mainMenuShowsWholeItemsAndShortcuts() {
    click(app_->item(QStringLiteral("mainMenuButton")));
    QQuickItem* importItem = nullptr;
    QTRY_VERIFY((importItem = app_->item(QStringLiteral("importMenuItem"))) && importItem->isVisible());
    QTest::qWait(300);
    QVERIFY2(importItem->width() + 0.5 >= importItem->implicitWidth(),
             qPrintable(QStringLiteral("%1 px wide, needs %2").arg(importItem->width()).arg(importItem->implicitWidth())));
    QStringList shortcuts;
    for (QQuickItem* it : veloce::uitest::allItems(app_->window()))
      if (it->objectName() == QStringLiteral("menuItemShortcut") && it->isVisible())
        shortcuts << it->property("text").toString();
    QVERIFY2(shortcuts.contains(QStringLiteral("Ctrl+E")) && shortcuts.contains(QStringLiteral("Ctrl+,")),
             qPrintable(shortcuts.join(u' ')));
    QTest::keyClick(app_->window(), Qt::Key_Escape);
    QTRY_VERIFY(!importItem->isVisible());
  }

  void importDialogFromTheMenu() {
    auto* menuButton = app_->item(QStringLiteral("mainMenuButton"));
    QVERIFY(menuButton);
    click(menuButton);
    QQuickItem* importItem = nullptr;
    QTRY_VERIFY((importItem = app_->item(QStringLiteral("importMenuItem"))) && importItem->isVisible());
    QTest::qWait(300);  // the menu's opening transition: a click lands once it is in place
    const int before = app_->chat().conversationList()->model()->rowCount();
    cancelDialog(QStringLiteral("importMenuItem"), QStringLiteral("importDialog"));
    QCOMPARE(app_->chat().conversationList()->model()->rowCount(), before);
    // Nothing is left open behind it (the menu was, and blocked every window shortcut).
    QObject* menu = app_->object(QStringLiteral("mainMenu"));
    QVERIFY(menu);
    QTRY_VERIFY(!menu->property("visible").toBool());
  }

  void exportFolderDialogKeepsTheExportDialog() {
    QObject* exportDialog = app_->object(QStringLiteral("exportDialog"));
    QVERIFY(exportDialog);
    QTest::keyClick(app_->window(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(exportDialog->property("opened").toBool());
    auto* field = app_->item(QStringLiteral("exportFolderField"));
    QVERIFY(field);
    const QString folder = field->property("text").toString();
    cancelDialog(QStringLiteral("exportChooseFolderButton"), QStringLiteral("exportFolderDialog"));
    // Esc closed the folder picker only; the folder typed in the export dialog is kept.
    QVERIFY(exportDialog->property("opened").toBool());
    QCOMPARE(field->property("text").toString(), folder);
    QMetaObject::invokeMethod(exportDialog, "close");
    QTRY_VERIFY(!exportDialog->property("visible").toBool());
  }

  // A fresh home has no Documents: exporting there creates the folder and puts the files in it
  // (before: one file named "Documents", reported as a success). All conversations as JSON are
  // one backup file, as from the CLI. The folder is remembered for the next export.
  void exportIntoAMissingFolder() {
    const QString folder = dir_.filePath(QStringLiteral("fresh-home/Documents"));
    QVERIFY(exportAll(folder, 1));  // JSON
    const QStringList files = QDir(folder).entryList(QDir::Files);
    const QString backup = QStringLiteral("Veloce conversations %1.json").arg(QDate::currentDate().toString(Qt::ISODate));
    QCOMPARE(files, QStringList{backup});
    QFile f(QDir(folder).filePath(backup));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("conversations")).toArray().size(), 2);
    QCOMPARE(app_->settings().exportFolder(), folder);

    const QString other = dir_.filePath(QStringLiteral("other/html"));
    QVERIFY(exportAll(other, 2));  // HTML: one file per conversation
    QCOMPARE(QDir(other).entryList(QDir::Files),
             (QStringList{QStringLiteral("Orders.html"), QStringLiteral("Snails.html")}));
  }

  void exportOntoAFileIsRefused() {
    const QString file = dir_.filePath(QStringLiteral("not-a-folder"));
    {
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("keep me");
    }
    QVERIFY(!exportAll(file, 0));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep me"));
    QVERIFY(app_->settings().exportFolder() != file);
  }

  // Exporting again into the same folder writes the same names: the dialog asks before it
  // replaces them, and Cancel leaves them as they are (before, they were overwritten silently).
  void reExportingAsksBeforeReplacingFiles() {
    const QString folder = dir_.filePath(QStringLiteral("again"));
    QVERIFY(exportAll(folder, 3));  // plain text: Snails.txt, Orders.txt
    const QString snails = QDir(folder).filePath(QStringLiteral("Snails.txt"));
    QVERIFY(QFileInfo::exists(snails));
    const auto writeMine = [&] {
      QFile f(snails);
      return f.open(QIODevice::WriteOnly) && f.write("my notes") == 8;
    };
    const auto contents = [&] {
      QFile f(snails);
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
    };
    QVERIFY(writeMine());

    QObject* dialog = app_->object(QStringLiteral("exportDialog"));
    QObject* ask = app_->object(QStringLiteral("exportOverwriteDialog"));
    QVERIFY(dialog);
    QVERIFY2(ask, "no question before replacing files");
    QSignalSpy finished(&app_->exporter(), &veloce::app::ExportController::exportFinished);
    const auto pressExport = [&] {
      app_->item(QStringLiteral("exportScopeAll"))->setProperty("checked", true);
      app_->item(QStringLiteral("exportFormatBox"))->setProperty("currentIndex", 3);
      app_->item(QStringLiteral("exportFolderField"))->setProperty("text", folder);
      click(app_->item(QStringLiteral("exportButton")));
    };
    QTest::keyClick(app_->window(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(dialog->property("opened").toBool());
    pressExport();
    QTRY_VERIFY(ask->property("opened").toBool());
    const QString question = app_->item(QStringLiteral("exportOverwriteText"))->property("text").toString();
    QVERIFY2(question.contains(QStringLiteral("Snails.txt")) && question.contains(QStringLiteral("Orders.txt")),
             qPrintable(question));
    QTest::qWait(200);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(contents(), QByteArray("my notes"));

    // Cancel: nothing written, the export dialog still open.
    click(app_->item(QStringLiteral("exportKeepFilesButton")));
    QTRY_VERIFY(!ask->property("visible").toBool());
    QVERIFY(dialog->property("opened").toBool());
    QTest::qWait(200);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(contents(), QByteArray("my notes"));

    // Replace: the export runs and rewrites the file.
    pressExport();
    QTRY_VERIFY(ask->property("opened").toBool());
    click(app_->item(QStringLiteral("exportReplaceButton")));
    QVERIFY(finished.wait(30000) || !finished.isEmpty());
    QVERIFY(finished.at(0).at(0).toBool());
    QVERIFY(contents().startsWith("Snails"));
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  void modelFileDialogFromSettings() {
    QObject* settings = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(settings);
    QTest::keyClick(app_->window(), Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY(settings->property("opened").toBool());
    cancelDialog(QStringLiteral("settingsChooseModelButton"), QStringLiteral("settingsModelFileDialog"));
    QVERIFY(settings->property("opened").toBool());
    QCOMPARE(app_->settings().modelPath(), QString());
    QMetaObject::invokeMethod(settings, "close");
    QTRY_VERIFY(!settings->property("visible").toBool());
  }

  // The CPU hint on Settings > Model points to the Device choice above it on the same page;
  // the first-run view, where no Settings page is open, keeps the way there.
  void theCpuHintOnTheModelPagePointsToDeviceAbove() {
    auto hint = [&](const QString& catalogue) -> QString {
      QQuickItem* root = app_->item(catalogue);
      if (!root) return QStringLiteral("(no %1)").arg(catalogue);
      for (QQuickItem* it : veloce::uitest::allItems(root))
        if (it->objectName() == QLatin1String("cpuWarning")) return it->property("text").toString();
      return QStringLiteral("(no cpuWarning in %1)").arg(catalogue);
    };
    QObject* settings = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(settings);
    QMetaObject::invokeMethod(settings, "open");
    QTRY_VERIFY(settings->property("opened").toBool());
    const QString onModelPage = hint(QStringLiteral("settingsCatalogue"));
    QMetaObject::invokeMethod(settings, "close");
    QTRY_VERIFY(!settings->property("visible").toBool());
    QVERIFY2(onModelPage.contains(QLatin1String("under Device above")), qPrintable(onModelPage));
    QVERIFY2(!onModelPage.contains(QLatin1String("Settings > Model")), qPrintable(onModelPage));
    const QString inSetup = hint(QStringLiteral("setupCatalogue"));
    QVERIFY2(inSetup.contains(QLatin1String("in Settings > Model > Device")), qPrintable(inSetup));
  }

 private:
  // Clicks `button`, checks that dialog `name` is shown, in a folder that exists and is not the
  // working directory, then presses Esc and checks that it closed as cancelled.
  void cancelDialog(const QString& button, const QString& name) {
    QObject* dialog = app_->object(name);
    QVERIFY2(dialog, qPrintable(name));
    QSignalSpy rejected(dialog, SIGNAL(rejected()));
    QSignalSpy accepted(dialog, SIGNAL(accepted()));
    auto* b = app_->item(button);
    QVERIFY2(b && b->isVisible(), qPrintable(button));
    click(b);
    QTRY_VERIFY2(dialog->property("visible").toBool(), qPrintable(name + QStringLiteral(" did not open")));
    QObject* shown = nullptr;
    QTRY_VERIFY2((shown = openImplementation(app_->root())) != nullptr,
                 qPrintable(name + QStringLiteral(" is not on screen")));
    const QUrl folder = dialog->property("currentFolder").toUrl();
    const QString local = folder.toLocalFile();
    QVERIFY2(!local.isEmpty() && QDir(local).exists(), qPrintable(name + QStringLiteral(" opens in ") + folder.toString()));
    QVERIFY2(QDir(local) != QDir(dir_.path()), qPrintable(name + QStringLiteral(" opens in the working directory")));
    QTest::keyClick(app_->window(), Qt::Key_Escape);
    QTRY_VERIFY2(!dialog->property("visible").toBool(), qPrintable(name + QStringLiteral(" did not close on Esc")));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(accepted.size(), 0);
  }

  // Exports every conversation in format (index in the format box) into folder through the
  // dialog; returns whether it reported success. The outcome is on screen either way.
  bool exportAll(const QString& folder, int format) {
    QObject* dialog = app_->object(QStringLiteral("exportDialog"));
    QTest::keyClick(app_->window(), Qt::Key_E, Qt::ControlModifier);
    if (!QTest::qWaitFor([&] { return dialog->property("opened").toBool(); })) return false;
    app_->item(QStringLiteral("exportScopeAll"))->setProperty("checked", true);
    app_->item(QStringLiteral("exportFormatBox"))->setProperty("currentIndex", format);
    app_->item(QStringLiteral("exportFolderField"))->setProperty("text", folder);
    QSignalSpy finished(&app_->exporter(), &veloce::app::ExportController::exportFinished);
    click(app_->item(QStringLiteral("exportButton")));
    if (!finished.wait(30000) && finished.isEmpty()) return false;
    const bool ok = finished.at(0).at(0).toBool();
    const QString outcome = finished.at(0).at(1).toString();
    // The dialog stays open with the outcome in words.
    [&] {
      QVERIFY(dialog->property("opened").toBool());
      QCOMPARE(dialog->property("outcome").toString(), outcome);
      QCOMPARE(dialog->property("failed").toBool(), !ok);
    }();
    QMetaObject::invokeMethod(dialog, "close");
    (void)QTest::qWaitFor([&] { return !dialog->property("visible").toBool(); });
    return ok;
  }

  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
};

QTEST_MAIN(TestDialogs)
#include "test_dialogs.moc"
