// libFuzzer target: any bytes as model output through the chat view's Markdown path: the split at
// fenced code blocks and each prose run to rich text. The split must lose nothing (every byte of
// a prose run or a code block comes from the input, in order) and the rich text must never carry
// an <img> or a script: model output is untrusted (docs RELIABILITY.md, "Output ... untrusted").
#include <QGuiApplication>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "app/models/markdown_renderer.h"

// QTextDocument needs fonts, so a GUI application (offscreen: no display in CI).
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  static QGuiApplication app(*argc, *argv);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veloce::app;
  const QString markdown = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  const std::vector<MarkdownBlock> blocks = splitMarkdown(markdown);
  qsizetype total = 0;
  for (const MarkdownBlock& b : blocks) {
    total += b.text.size();
    if (b.kind != MarkdownBlock::Kind::Prose) continue;
    const QString html = proseToRichText(b.text).toLower();
    if (html.contains(QLatin1String("<img")) || html.contains(QLatin1String("<script"))) {
      std::fprintf(stderr, "rich text with an image or a script tag\n");
      std::abort();
    }
  }
  // Fences and info strings are dropped, never text added: the blocks hold at most the input.
  if (total > markdown.size()) {
    std::fprintf(stderr, "blocks hold %lld UTF-16 units of a %lld-unit input\n", static_cast<long long>(total),
                 static_cast<long long>(markdown.size()));
    std::abort();
  }
  return 0;
}
