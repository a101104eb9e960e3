#include "app/models/code_highlighter.h"

#include <QFile>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace veloce::app {
namespace {

// Colours chosen for contrast on the code frame of each theme (#f6f8fa light, #15181b dark).
struct Palette {
  const char* keyword;
  const char* type;
  const char* string;
  const char* number;
  const char* comment;
  const char* function;
  const char* meta;
  const char* attribute;
  const char* tag;
  const char* deletion;
};
constexpr Palette kLight{"#8f2fbf", "#a34b00", "#1f7a33", "#0b5fb4", "#69717a",
                         "#0a56b8", "#7a5c00", "#9a4d00", "#1d7d3a", "#c62828"};
constexpr Palette kDark{"#d2a8ff", "#ffa657", "#a5d6a7", "#79c0ff", "#8b949e",
                        "#82aaff", "#e3b341", "#ffab70", "#7ee787", "#ff7b72"};

// The engine's compiler warns about highlight.js's own style (variables used before their `var`,
// valid JavaScript) hundreds of times; those say nothing about Veloce, so they are muted while
// the script loads and only then.
QLoggingCategory::CategoryFilter previousFilter = nullptr;
void muteScriptCompiler(QLoggingCategory* category) {
  if (previousFilter) previousFilter(category);
  if (qstrcmp(category->categoryName(), "qt.qml.compiler") == 0) category->setEnabled(QtWarningMsg, false);
}

}  // namespace

QString highlightColour(const QString& name, bool dark) {
  const Palette& p = dark ? kDark : kLight;
  const char* colour = nullptr;
  if (name == u"keyword" || name == u"selector-tag" || name == u"doctag" || name == u"meta-keyword") colour = p.keyword;
  else if (name == u"built_in" || name == u"type" || name == u"class") colour = p.type;
  else if (name == u"string" || name == u"regexp" || name == u"addition" || name == u"meta-string") colour = p.string;
  else if (name == u"number" || name == u"literal" || name == u"symbol" || name == u"bullet") colour = p.number;
  else if (name == u"comment" || name == u"quote") colour = p.comment;
  else if (name == u"title" || name == u"function" || name == u"section") colour = p.function;
  else if (name == u"meta") colour = p.meta;
  else if (name == u"attr" || name == u"attribute" || name == u"variable" || name == u"template-variable" ||
           name == u"params" || name == u"subst")
    colour = p.attribute;
  else if (name == u"tag" || name == u"name" || name == u"selector-id" || name == u"selector-class") colour = p.tag;
  else if (name == u"deletion") colour = p.deletion;
  return colour ? QString::fromLatin1(colour) : QString();
}

CodeHighlighter& CodeHighlighter::forThisThread() {
  thread_local CodeHighlighter highlighter;
  return highlighter;
}

CodeHighlighter::CodeHighlighter() = default;
CodeHighlighter::~CodeHighlighter() = default;

QString CodeHighlighter::scriptPath() {
  const QByteArray env = qgetenv("VELOCE_HIGHLIGHT_JS");
  if (!env.isEmpty()) return QString::fromLocal8Bit(env);
  return QStringLiteral("/usr/share/javascript/highlight.js/highlight.min.js");
}

void CodeHighlighter::load() {
  if (loaded_) return;
  loaded_ = true;
  QFile file(scriptPath());
  if (!file.open(QIODevice::ReadOnly)) {
    error_ = QStringLiteral("highlight.js not found at %1 (install libjs-highlight.js)").arg(file.fileName());
    return;
  }
  const QString source = QString::fromUtf8(file.readAll());
  auto engine = std::make_unique<QJSEngine>();
  // The script exports itself to `exports` when one exists (its CommonJS branch), which is the
  // only branch that works without a browser's `window`.
  // highlight.js 9 prints its end-of-life notice and warnings through `console`, which a bare
  // QJSEngine lacks (a ReferenceError would abort highlighting): a silent one.
  engine->evaluate(
      QStringLiteral("var exports = {};"
                     "var console = { log: function() {}, info: function() {},"
                     "  warn: function() {}, error: function() {} };"));
  previousFilter = QLoggingCategory::installFilter(muteScriptCompiler);
  const QJSValue result = engine->evaluate(source, file.fileName());
  QLoggingCategory::installFilter(previousFilter);
  if (result.isError()) {
    error_ = QStringLiteral("highlight.js failed to load: %1").arg(result.toString());
    return;
  }
  const QJSValue helper =
      engine->evaluate(QStringLiteral("(function veloceHighlight(language, code) {"
                                      "  if (!hljs.getLanguage(language)) return null;"
                                      "  return hljs.highlight(language, code, true).value;"
                                      "})"));
  if (!helper.isCallable()) {
    error_ = QStringLiteral("highlight.js has no highlight() function");
    return;
  }
  engine->globalObject().setProperty(QStringLiteral("veloceHighlight"), helper);
  engine_ = std::move(engine);
}

bool CodeHighlighter::available() {
  load();
  return engine_ != nullptr;
}

QString CodeHighlighter::toHtml(const QString& code, const QString& language, bool dark) {
  const QString lang = language.trimmed().toLower();
  if (lang.isEmpty() || code.isEmpty() || !available()) return {};
  const QString key = lang + (dark ? u'\x01' : u'\x02') + code;
  if (const auto it = cache_.constFind(key); it != cache_.constEnd()) return *it;

  QJSValue fn = engine_->globalObject().property(QStringLiteral("veloceHighlight"));
  const QJSValue value = fn.call({QJSValue(lang), QJSValue(code)});
  QString html;
  if (value.isError()) error_ = QStringLiteral("highlight.js failed: %1").arg(value.toString());
  if (!value.isError() && value.isString()) {
    QString body = value.toString();
    // highlight.js escapes the code (&, <, >) and adds only <span class="hljs-..."> and </span>.
    static const QRegularExpression open(QStringLiteral("<span class=\"hljs-([A-Za-z_-]+)[^\"<>]*\">"));
    QString coloured;
    coloured.reserve(body.size() * 2);
    qsizetype at = 0;
    for (auto it = open.globalMatch(body); it.hasNext();) {
      const QRegularExpressionMatch m = it.next();
      coloured += QStringView(body).mid(at, m.capturedStart() - at);
      const QString colour = highlightColour(m.captured(1), dark);
      const bool italic = m.captured(1) == u"comment";
      coloured += colour.isEmpty() ? QStringLiteral("<span>")
                                   : QStringLiteral("<span style=\"color:%1%2\">")
                                         .arg(colour, italic ? QStringLiteral(";font-style:italic") : QString());
      at = m.capturedEnd();
    }
    coloured += QStringView(body).mid(at);
    // Anything but our spans left means output we do not understand: show plain text instead.
    static const QRegularExpression ours(QStringLiteral("<span( style=\"[^\"<>]*\")?>|</span>"));
    QString rest = coloured;
    rest.remove(ours);
    if (!rest.contains(u'<') && !rest.contains(u'>'))
      html = QStringLiteral("<pre style=\"white-space:pre-wrap; margin:0\">") + coloured + QStringLiteral("</pre>");
  }
  if (cache_.size() > 512) cache_.clear();
  cache_.insert(key, html);
  return html;
}

}  // namespace veloce::app
