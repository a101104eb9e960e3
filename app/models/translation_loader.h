#pragma once
// Chooses the language of the interface: the one set in the settings, or the system's first UI
// language that Veloce ships (English, Italian), else English. Switching at run time reinstalls
// the translators and retranslates every qsTr() binding of the QML engine.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include "app/models/app_translator.h"

class QQmlEngine;

namespace veloce::app {

class TranslationLoader : public QObject {
  Q_OBJECT
 public:
  explicit TranslationLoader(QQmlEngine* engine, QObject* parent = nullptr);

  // Languages with a translation embedded in the app (":/i18n/veloce_<code>.qm").
  static QStringList shippedLanguages();
  // "" (follow the system) -> the first of `uiLanguages` (e.g. "it-IT") that is shipped, else "en";
  // a shipped code -> itself; anything else -> "en".
  static QString resolve(const QString& code, const QStringList& uiLanguages);

  // Installs the translation for `code` (see resolve) and retranslates the QML engine.
  // Returns the language now in use.
  QString apply(const QString& code);
  QString current() const { return current_; }

 private:
  QQmlEngine* engine_;
  AppTranslator appTranslator_;  // Veloce's strings, C++ and QML
  QTranslator qtTranslator_;     // Qt's own strings (file dialogs, standard buttons)
  QString current_;
};

}  // namespace veloce::app
