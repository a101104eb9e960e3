#pragma once
// The few desktop services the QML views need and QML does not offer safely: the clipboard, the
// rule for which links may be opened (http and https only, after the user has seen the address),
// and turning a file: URL from a picker or a drop into a local path. QML singleton `DesktopBridge`
// (import Veloce); it holds no state, so the engine makes and owns it.
#include <QtQml/qqmlregistration.h>
#include <QColor>
#include <QObject>
#include <QString>
#include <QUrl>

namespace veloce::app {

class DesktopBridge : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
 public:
  using QObject::QObject;

  Q_INVOKABLE void copyText(const QString& text) const;
  // Rich text of the chat view as plain text with its formulas as LaTeX (inline_math.h), for
  // copying a selection and for screen readers.
  Q_INVOKABLE QString textWithFormulas(const QString& richText) const;
  // Draws the formulas of a rich text TextEdit's selection (start to end) in `selectedTextColour`
  // and the others as written (inline_math.h colourFormulas); the formulas are images, which the
  // selection's text colour does not reach.
  Q_INVOKABLE void colourSelectedFormulas(QObject* textEdit, int start, int end, const QColor& selectedTextColour) const;
  // A display formula's image URL in another colour (inline_math.h mathImageInColour).
  Q_INVOKABLE QString mathImageInColour(const QString& url, const QColor& colour) const;
  // True only for an absolute http or https URL with a host.
  Q_INVOKABLE bool isOpenableLink(const QString& link) const;
  // The address as the user should read it before opening it: fully decoded, nothing hidden.
  Q_INVOKABLE QString displayAddress(const QString& link) const;
  // Opens the link in the system browser; refuses (returns false) anything isOpenableLink rejects.
  Q_INVOKABLE bool openLink(const QString& link) const;
  Q_INVOKABLE QString localPath(const QUrl& url) const;
  Q_INVOKABLE QUrl folderUrl(const QString& path) const;
  // The user's documents folder (the export dialog's starting point).
  Q_INVOKABLE QString documentsFolder() const;
  // Where a file or folder picker should open for `path` (a file, a folder or ""): the folder
  // itself, the file's folder, or their nearest existing parent; for "" or a path with none,
  // the documents folder if it exists, else home. Never the process's working directory.
  Q_INVOKABLE QString startFolder(const QString& path) const;
};

}  // namespace veloce::app
