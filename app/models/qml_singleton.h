#pragma once
// The instance a QML_SINGLETON with C++ dependencies hands to QML (Qt 6.4's documented pattern:
// the class declares `static T* create(QQmlEngine*, QJSEngine*)` and returns take() from it).
// Whoever owns the instance (QmlContext) sets it before the engine loads any QML; the engine asks
// for it once, when QML first names the singleton, and never deletes it (C++ ownership). A
// QPointer, so a destroyed instance (a test's earlier window) is never handed to a later engine.
#include <QJSEngine>
#include <QPointer>

namespace veloce::app {

template <class T>
class QmlSingletonInstance {
 public:
  static void set(T* instance) { pointer() = instance; }
  static T* take() {
    T* instance = pointer();
    Q_ASSERT(instance);  // set() comes before any QML loads
    QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
    return instance;
  }

 private:
  static QPointer<T>& pointer() {
    static QPointer<T> instance;
    return instance;
  }
};

}  // namespace veloce::app
