#include "app/models/translation_loader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlEngine>

namespace veloce::app {

TranslationLoader::TranslationLoader(QQmlEngine* engine, QObject* parent) : QObject(parent), engine_(engine) {}

QStringList TranslationLoader::shippedLanguages() { return {QStringLiteral("en"), QStringLiteral("it")}; }

QString TranslationLoader::resolve(const QString& code, const QStringList& uiLanguages) {
  const QStringList shipped = shippedLanguages();
  if (!code.isEmpty()) return shipped.contains(code) ? code : QStringLiteral("en");
  for (const QString& language : uiLanguages) {
    // "it-IT", "it_CH", "it" all mean Italian.
    const QString base = language.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
    if (shipped.contains(base)) return base;
  }
  return QStringLiteral("en");
}

QLocale TranslationLoader::localeFor(const QString& language, const QLocale& system) {
  const QLocale chosen(language);
  return system.language() == chosen.language() ? system : chosen;
}

QString TranslationLoader::apply(const QString& code) {
  const QString language = resolve(code, QLocale::system().uiLanguages());
  QCoreApplication::removeTranslator(&appTranslator_);
  QCoreApplication::removeTranslator(&qtTranslator_);
  // English is the source language; its file still matters for plural forms ("%n result(s)").
  if (appTranslator_.load(QStringLiteral(":/i18n/veloce_%1.qm").arg(language)))
    QCoreApplication::installTranslator(&appTranslator_);
  if (qtTranslator_.load(QStringLiteral("qt_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(&qtTranslator_);
  const bool switched = !current_.isEmpty();
  current_ = language;
  // The locale first: the bindings the two calls below re-evaluate format numbers with it.
  QLocale::setDefault(localeFor(language, QLocale::system()));
  if (engine_) {
    engine_->setUiLanguage(QLocale().name());
    engine_->retranslate();
  }
  if (switched) emit languageChanged();
  return language;
}

}  // namespace veloce::app
