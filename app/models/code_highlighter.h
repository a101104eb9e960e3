#pragma once
// Syntax highlighting of closed code blocks by highlight.js (Debian's libjs-highlight.js), run by
// Qt's JavaScript engine. highlight.js marks tokens with class names; they become theme colours
// here, as <span style="color:..."> runs a QML rich Text can show. One engine per thread, loaded
// on first use; callers highlight a block once, when it can no longer change.
#include <QHash>
#include <QString>
#include <memory>

class QJSEngine;

namespace veloce::app {

class CodeHighlighter {
 public:
  // The calling thread's highlighter (a QJSEngine may only be used by its own thread).
  static CodeHighlighter& forThisThread();
  ~CodeHighlighter();

  // Rich text of `code` (escaped, coloured, in a <pre>), or an empty string when the language is
  // not one highlight.js knows, highlight.js is not installed, or its output was not the plain
  // spans expected (then the caller shows the code as plain text).
  QString toHtml(const QString& code, const QString& language, bool dark);
  // Whether highlight.js loaded (false: the script is missing or failed; see errorString()).
  bool available();
  QString errorString() const { return error_; }

  // Where the script is read from; VELOCE_HIGHLIGHT_JS overrides it (tests of a missing script).
  static QString scriptPath();

 private:
  CodeHighlighter();
  void load();
  std::unique_ptr<QJSEngine> engine_;
  bool loaded_ = false;
  QString error_;
  QHash<QString, QString> cache_;  // language + dark + code -> html, for re-shown blocks
};

// highlight.js class name (without "hljs-") -> colour on the light or dark theme; empty = none.
QString highlightColour(const QString& className, bool dark);

}  // namespace veloce::app
