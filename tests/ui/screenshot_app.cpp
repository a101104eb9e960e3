// veloce_screenshot: the desktop app (the same start-up as veloce, app/desktop) plus the test-only
// ScreenshotDriver.qml, which puts the window into one named state for scripts/screenshots.sh:
//   veloce_screenshot --screenshot-state first-run|conversation|search|settings|export
//                     [--exit-when-ready] [veloce options]
// The driver lives in this tool's own resources, so the shipped veloce and its qrc carry none of it.
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStringList>
#include <QVariantMap>
#include <cstdio>

#include "app/desktop/desktop_app.h"
#include "tests/ui/app_window.h"

namespace {

QString optionValue(const QStringList& arguments, const QString& name) {
  for (qsizetype i = 1; i < arguments.size(); ++i) {
    if (arguments[i] == name && i + 1 < arguments.size()) return arguments[i + 1];
    if (arguments[i].startsWith(name + u'=')) return arguments[i].mid(name.size() + 1);
  }
  return {};
}

// Items by objectName through the visual tree (list views, fields), else QObject children (dialogs).
QObject* find(QObject* root, const QString& name) {
  for (QQuickItem* item : veloce::uitest::allItems(root))
    if (item->objectName() == name) return item;
  return root->findChild<QObject*>(name);
}

bool addDriver(QQmlApplicationEngine& engine) {
  const QString state = optionValue(QCoreApplication::arguments(), QStringLiteral("--screenshot-state"));
  if (state.isEmpty()) {
    std::fprintf(stderr, "veloce_screenshot: --screenshot-state NAME is required\n");
    return false;
  }
  QObject* root = engine.rootObjects().constFirst();
  QVariantMap properties{
      {QStringLiteral("stateName"), state},
      {QStringLiteral("exitWhenReady"), QCoreApplication::arguments().contains(QStringLiteral("--exit-when-ready"))}};
  for (const char* name : {"conversationList", "searchField", "searchResultList", "settingsDialog", "exportDialog"}) {
    QObject* object = find(root, QString::fromLatin1(name));
    if (!object) {
      std::fprintf(stderr, "veloce_screenshot: the main window has no object named %s\n", name);
      return false;
    }
    properties.insert(QString::fromLatin1(name), QVariant::fromValue(object));
  }
  QQmlComponent component(&engine, QUrl(QStringLiteral("qrc:/screenshot/ScreenshotDriver.qml")));
  QObject* driver = component.createWithInitialProperties(properties);
  if (!driver) {
    std::fprintf(stderr, "veloce_screenshot: %s\n", qPrintable(component.errorString()));
    return false;
  }
  driver->setParent(root);
  return true;
}

}  // namespace

int main(int argc, char* argv[]) { return veloce::app::runDesktopApp(argc, argv, addDriver); }
