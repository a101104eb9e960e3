#include "tests/ui/app_window.h"

#include <QDir>
#include <QSet>
#include <QTest>

#include "app/desktop/math_image_provider.h"
#include "app/models/qml_context.h"

namespace veloce::uitest {
namespace {

void collect(QObject* object, QSet<QQuickItem*>& seen, QList<QQuickItem*>& out) {
  if (auto* it = qobject_cast<QQuickItem*>(object)) {
    if (seen.contains(it)) return;
    seen.insert(it);
    out.append(it);
    for (QQuickItem* child : it->childItems()) collect(child, seen, out);
  }
  for (QObject* child : object->children()) collect(child, seen, out);
}

}  // namespace

QList<QQuickItem*> allItems(QObject* object) {
  QSet<QQuickItem*> seen;
  QList<QQuickItem*> out;
  collect(object, seen, out);
  return out;
}

AppWindow::AppWindow(const QString& folder) {
  const QDir dir(folder);
  store_.emplace(dir.filePath(QStringLiteral("conversations.sqlite")));
  settings_ = std::make_unique<app::AppSettings>(dir.filePath(QStringLiteral("settings.ini")));
}

AppWindow::~AppWindow() {
  engine_.reset();  // QML first: its bindings read chat and settings until they are gone
  chat_.reset();
}

bool AppWindow::show() {
  chat_ = std::make_unique<app::ChatController>(&*store_, settings_.get());
  engine_ = std::make_unique<QQmlApplicationEngine>();
  exporter_ = &(new app::QmlContext(engine_.get(), chat_.get(), engine_.get()))->exporter();
  app::MathImageProvider::install(*engine_);  // as runDesktopApp does
  engine_->load(QUrl(QStringLiteral("qrc:/ui/Main.qml")));
  if (engine_->rootObjects().size() != 1) return false;
  window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
  return window_ && QTest::qWaitForWindowExposed(window_);
}

QObject* AppWindow::root() const { return engine_->rootObjects().first(); }

QQuickItem* AppWindow::item(const QString& name) const {
  for (QQuickItem* it : allItems(window_))
    if (it->objectName() == name) return it;
  return nullptr;
}

QObject* AppWindow::object(const QString& name) const { return root()->findChild<QObject*>(name); }

void click(QQuickItem* item) {
  const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
  QTest::mouseClick(item->window(), Qt::LeftButton, Qt::NoModifier, centre.toPoint());
}

}  // namespace veloce::uitest
