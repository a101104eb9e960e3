#pragma once
// A web address as Veloce prints it (errors, notes, logs): without credentials. A user may paste
// https://user:token@host/... and a CDN answers with signed addresses whose query holds the
// signature; neither belongs on a screen, in a terminal's scroll-back or in a bug report.
#include <QString>
#include <QUrl>

namespace veloce::app {

// The address without its user name and password, and with any query shown as "?…".
QString displayUrl(const QUrl& url);
// Every "scheme://user:password@" in `text` without its credentials: for messages that embed an
// address Veloce did not format itself (Qt's network errors).
QString withoutCredentials(const QString& text);

}  // namespace veloce::app
