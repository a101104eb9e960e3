#include "app/download/url_display.h"

#include <QRegularExpression>

namespace veloce::app {

QString displayUrl(const QUrl& url) {
  QString text = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
  // The query is kept as a mark: the address differs from the one without it.
  if (url.hasQuery()) text += QStringLiteral("?…");
  return withoutCredentials(text);
}

QString withoutCredentials(const QString& text) {
  // The authority's userinfo: everything between "//" and the first "@" before any "/", space or
  // quote. An address Qt could not parse is cleaned the same way.
  static const QRegularExpression userinfo(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s\"']*@"));
  QString clean = text;
  return clean.replace(userinfo, QStringLiteral("\\1"));
}

}  // namespace veloce::app
