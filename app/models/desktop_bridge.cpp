#include "app/models/desktop_bridge.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStandardPaths>

#include <QTextDocument>

#include "app/models/inline_math.h"

namespace veloce::app {

void DesktopBridge::copyText(const QString& text) const {
  if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

QString DesktopBridge::textWithFormulas(const QString& richText) const { return app::textWithFormulas(richText); }

void DesktopBridge::colourSelectedFormulas(QObject* textEdit, int start, int end, const QColor& selectedTextColour) const {
  // A Qt Quick TextEdit owns its QTextDocument as a direct child (QQuickTextDocument, which
  // hands it out, would tie this library to Qt Quick).
  auto* doc = textEdit ? textEdit->findChild<QTextDocument*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
  if (doc) app::colourFormulas(*doc, start, end, selectedTextColour);
}

QString DesktopBridge::mathImageInColour(const QString& url, const QColor& colour) const {
  return app::mathImageInColour(url, colour);
}

bool DesktopBridge::isOpenableLink(const QString& link) const {
  const QUrl url(link, QUrl::StrictMode);
  if (!url.isValid() || url.isRelative() || url.host().isEmpty()) return false;
  const QString scheme = url.scheme().toLower();
  return scheme == u"http" || scheme == u"https";
}

QString DesktopBridge::displayAddress(const QString& link) const {
  const QUrl url(link);
  if (!url.isValid()) return link;
  // PrettyDecoded: readable (%61 -> a, %20 -> space) but never ambiguous (%2F stays, so a path
  // cannot pretend to have other segments); user info stays visible ("apple.com@evil.org").
  // FullyDecoded is not allowed for a whole URL (Qt warns and mangles it).
  QString shown = url.toString(QUrl::PrettyDecoded);
  // A host written in another script can imitate a familiar one; its ASCII form gives it away.
  const QString asciiHost = url.host(QUrl::EncodeUnicode);
  if (asciiHost != url.host(QUrl::FullyDecoded)) shown += QStringLiteral(" (%1)").arg(asciiHost);
  return shown;
}

bool DesktopBridge::openLink(const QString& link) const {
  if (!isOpenableLink(link)) return false;
  return QDesktopServices::openUrl(QUrl(link, QUrl::StrictMode));
}

QString DesktopBridge::localPath(const QUrl& url) const { return url.isLocalFile() ? url.toLocalFile() : QString(); }

QUrl DesktopBridge::folderUrl(const QString& path) const { return QUrl::fromLocalFile(path); }

QString DesktopBridge::documentsFolder() const {
  return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

QString DesktopBridge::startFolder(const QString& path) const {
  if (!path.isEmpty() && QFileInfo(path).isAbsolute()) {
    for (QFileInfo at(path); !at.filePath().isEmpty(); at = QFileInfo(at.absolutePath())) {
      if (at.isDir()) return at.absoluteFilePath();
      if (at.isRoot()) break;
    }
  }
  const QString documents = documentsFolder();
  return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

}  // namespace veloce::app
