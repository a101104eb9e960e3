// The QML modules Veloce loads must come from packages that the .deb depends on and that
// scripts/setup.sh installs. A module missing at run time is not a load error the user sees but,
// for Qt Quick Dialogs' own QML (it imports Qt.labs.folderlistmodel), a crash at the first click
// on "Choose model file…". The modules are gathered two ways: the imports written in ui/*.qml,
// and what the QML engine really resolves (QML_IMPORT_TRACE) while every dialog is opened.
// Each module's qmldir is mapped to its package with dpkg -S.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QProcess>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/app_window.h"

namespace {

QSet<QString> g_traced;  // module URIs named in the engine's import trace
QtMessageHandler g_previous = nullptr;

void recordImports(QtMsgType type, const QMessageLogContext& context, const QString& message) {
  // qt.qml.import: addLibraryImport: qrc:/ui/Main.qml "QtQuick.Controls" version ' invalid ' as ""
  if (context.category && qstrcmp(context.category, "qt.qml.import") == 0) {
    static const QRegularExpression library(QStringLiteral("addLibraryImport: \\S+ \"([A-Za-z][\\w.]*)\""));
    const auto m = library.match(message);
    if (m.hasMatch()) g_traced.insert(m.captured(1));
    return;  // thousands of lines: not echoed
  }
  if (g_previous) g_previous(type, context, message);
}

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Package names from a Debian relationship field ("a, b (>= 1) | c").
QSet<QString> packagesIn(const QString& field) {
  QSet<QString> names;
  static const QRegularExpression name(QStringLiteral("([a-z0-9][a-z0-9+.-]+)(?:\\s*\\([^)]*\\))?"));
  for (const QString& alternative : field.split(QRegularExpression(QStringLiteral("[,|]")), Qt::SkipEmptyParts)) {
    const auto m = name.match(alternative.trimmed());
    if (m.hasMatch()) names.insert(m.captured(1));
  }
  return names;
}

// The installed package that owns path, or "" when dpkg knows none.
QString owningPackage(const QString& path) {
  QProcess dpkg;
  dpkg.start(QStringLiteral("dpkg"), {QStringLiteral("-S"), path});
  if (!dpkg.waitForFinished(30000) || dpkg.exitCode() != 0) return {};
  const QString line = QString::fromUtf8(dpkg.readAllStandardOutput()).section(u'\n', 0, 0);
  return line.section(u':', 0, 0).trimmed();
}

}  // namespace

class TestQmlPackages : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    // Here, not in main(): QTest::qExec installs its own handler (which this one passes on to).
    g_previous = qInstallMessageHandler(recordImports);
    QVERIFY(dir_.isValid());
    QStandardPaths::setTestModeEnabled(true);
    app_ = std::make_unique<veloce::uitest::AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    QVERIFY(app_->show());
  }
  void cleanupTestCase() {
    app_.reset();
    qInstallMessageHandler(g_previous);
  }

  // Opens every dialog so that the QML of Qt Quick Dialogs' implementation gets loaded.
  void everyDialogLoads() {
    for (const char* name : {"modelFileDialog", "importDialog", "exportFolderDialog", "settingsModelFileDialog"}) {
      QObject* dialog = app_->object(QString::fromLatin1(name));
      QVERIFY2(dialog, name);
      QMetaObject::invokeMethod(dialog, "open");
      QTRY_VERIFY2(dialog->property("visible").toBool(), name);
      QMetaObject::invokeMethod(dialog, "reject");
      QTRY_VERIFY2(!dialog->property("visible").toBool(), name);
    }
    // The implementation's own imports must be among those traced, or the trace format changed
    // and this test would check nothing.
    QVERIFY2(g_traced.contains(QStringLiteral("QtQuick.Dialogs.quickimpl")),
             qPrintable(QStringList(g_traced.values()).join(u' ')));
    QVERIFY(g_traced.contains(QStringLiteral("QtQuick.Controls")));
  }

  void everyModuleComesFromADeclaredPackage() {
    QSet<QString> modules = g_traced;
    const QString ui = QStringLiteral(VELOCE_SOURCE_DIR "/ui");
    static const QRegularExpression import(QStringLiteral("^import\\s+([A-Za-z][\\w.]*)"),
                                           QRegularExpression::MultilineOption);
    for (QDirIterator it(ui, {QStringLiteral("*.qml")}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
      auto matches = import.globalMatch(readText(it.next()));
      while (matches.hasNext()) modules.insert(matches.next().captured(1));
    }

    const QString cpack = readText(QStringLiteral(VELOCE_CPACK_CONFIG));
    const auto depends = QRegularExpression(QStringLiteral("set\\(CPACK_DEBIAN_PACKAGE_DEPENDS \"([^\"]*)\"")).match(cpack);
    QVERIFY2(depends.hasMatch(), "no CPACK_DEBIAN_PACKAGE_DEPENDS in " VELOCE_CPACK_CONFIG);
    const QSet<QString> deb = packagesIn(depends.captured(1));
    const QString setup = readText(QStringLiteral(VELOCE_SOURCE_DIR "/scripts/setup.sh"));
    const auto list = QRegularExpression(QStringLiteral("PACKAGES=\\(([^)]*)\\)")).match(setup);
    QVERIFY2(list.hasMatch(), "no PACKAGES=( ... ) in scripts/setup.sh");
    const QStringList words = list.captured(1).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    const QSet<QString> installed(words.begin(), words.end());

    const QString qmlRoot = QLibraryInfo::path(QLibraryInfo::QmlImportsPath);
    QStringList problems;
    int checked = 0;
    for (const QString& uri : modules) {
      const QString qmldir = qmlRoot + u'/' + QString(uri).replace(u'.', u'/') + QStringLiteral("/qmldir");
      if (!QFile::exists(qmldir)) {
        // Without a qmldir on disk a module is either Veloce's own (registered from C++), built
        // into a Qt library the app links (its qmldir is a resource of that library, and
        // dpkg-shlibdeps finds the library), or simply not installed.
        const QString builtIn =
            QStringLiteral(":/qt-project.org/imports/") + QString(uri).replace(u'.', u'/') + QStringLiteral("/qmldir");
        const bool ours = uri == QStringLiteral("Veloce");
        if (!ours && !QFile::exists(builtIn) && uri != QStringLiteral("QML"))
          problems << QStringLiteral("%1: not installed (no %2)").arg(uri, qmldir);
        continue;
      }
      const QString package = owningPackage(qmldir);
      if (package.isEmpty()) {
        problems << QStringLiteral("%1: %2 belongs to no Debian package").arg(uri, qmldir);
        continue;
      }
      ++checked;
      if (!deb.contains(package)) problems << QStringLiteral("%1: %2 missing from the .deb's Depends").arg(uri, package);
      if (!installed.contains(package)) problems << QStringLiteral("%1: %2 missing from scripts/setup.sh").arg(uri, package);
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY2(checked >= 8, qPrintable(QStringLiteral("only %1 modules checked").arg(checked)));
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<veloce::uitest::AppWindow> app_;
};

int main(int argc, char** argv) {
  // Read once by the QML engine: must be set before the first engine exists.
  qputenv("QML_IMPORT_TRACE", "1");
  QGuiApplication app(argc, argv);
  QQuickStyle::setStyle(QStringLiteral("Material"));
  TestQmlPackages test;
  return QTest::qExec(&test, argc, argv);
}
#include "test_qml_packages.moc"
