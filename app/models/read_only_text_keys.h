#pragma once
// Lets the window's shortcuts through a read-only text that has the focus (a reply's paragraph
// after a click into it). Qt's TextEdit answers every ShortcutOverride as "mine" while read-only
// (it leaves the event accepted), so Ctrl+, Ctrl+F, Ctrl+E, Ctrl+N and Esc did nothing there.
// Declared inside the text item in QML (`ReadOnlyTextKeys {}`, import Veloce); it watches that
// item only and keeps for it just the keys a read-only text uses: Copy and Select all.
#include <QtQml/qqmlparserstatus.h>
#include <QtQml/qqmlregistration.h>
#include <QObject>

namespace veloce::app {

class ReadOnlyTextKeys : public QObject, public QQmlParserStatus {
  Q_OBJECT
  Q_INTERFACES(QQmlParserStatus)
  QML_ELEMENT
 public:
  using QObject::QObject;

  void classBegin() override {}
  // The QML parent (the text item) is known only once the component is complete.
  void componentComplete() override;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace veloce::app
