#pragma once
// Chooses the language of the interface: the one set in the settings, or the system's first UI
// language that Veloce ships (English, Italian), else English. Switching at run time reinstalls
// the translators and retranslates every qsTr() binding of the QML engine.
#include <QLocale>
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

  // Installs the translation for `code` (see resolve), makes the language's locale the default
  // (numbers: 1,234 in English, 1.234 in Italian), sets the engine's Qt.uiLanguage to that
  // locale's name (what QML binds its `locale` to) and retranslates the QML engine; then emits
  // languageChanged. Returns the language now in use.
  QString apply(const QString& code);
  QString current() const { return current_; }
  // The locale for `language` (a shipped code): the system's own when it is in that language
  // (en_GB stays en_GB), else the language's main locale (it -> it_IT).
  static QLocale localeFor(const QString& language, const QLocale& system);

 signals:
  // After a switch: C++ objects that hold text in the old language produce it again (qsTr()
  // bindings the engine refreshes itself; a string made by tr() once and kept is not).
  void languageChanged();

 private:
  QQmlEngine* engine_;
  AppTranslator appTranslator_;  // Veloce's strings, C++ and QML
  QTranslator qtTranslator_;     // Qt's own strings (file dialogs, standard buttons)
  QString current_;
};

}  // namespace veloce::app
