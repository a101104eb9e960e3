// bench_render: the UI thread's cost of showing one streamed piece of a long reply. It streams a
// synthetic ~4,000-token Markdown reply (prose, lists, a table, math, code) in 4-character pieces
// (about one Phi-4 token each) and times what the chat view runs per piece, printing the mean
// and worst time per piece for the first, middle and last tenth of the reply: a cost that grows
// with the reply's length shows up as a last tenth slower than the first.
//   bench_render [--tokens N] [--mode full|incremental] [--math]
// --math: a math-heavy reply (each section adds a derivation in LaTeX: inline formulas and two
// displayed ones) rendered as the chat view does, formulas laid out and turned into images.
// full: MarkdownRenderer::blocks(content) on the whole reply per piece (what the view bound before).
// incremental: StreamingRenderer::append(piece) (only the open tail block is rendered again).
#include <QColor>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QStringList>
#include <QTextStream>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/models/markdown_renderer.h"
#if __has_include("app/models/streaming_renderer.h")
#include "app/models/streaming_renderer.h"
#define VELOCE_HAVE_STREAMING_RENDERER 1
#endif

namespace {

// One section of a typical long answer; repeated (numbered) until the reply is long enough.
QString section(int n) {
  return QStringLiteral(
             "## Step %1: what happens\n\n"
             "The function **reads** the input, checks *each* value and keeps the `result` in a map. "
             "For a sequence $a_n = a_{n-1} + 2$ the sum is \\(\\sum_{k=1}^{n} a_k\\,\\mathrm{d}k\\).\n\n"
             "1. Open the file and read every line.\n"
             "2. Split each line at commas; skip empty fields.\n"
             "3. Keep a running total per key.\n\n"
             "| key | total |\n|---|---|\n| a | 1 |\n| b | 2 |\n\n"
             "> Note: large inputs should be streamed rather than read at once.\n\n"
             "```python\n"
             "def total(path):\n"
             "    sums = {}\n"
             "    with open(path) as f:\n"
             "        for line in f:\n"
             "            key, value = line.split(',')\n"
             "            sums[key] = sums.get(key, 0) + int(value)\n"
             "    return sums\n"
             "```\n\n"
             "This keeps memory small, and the loop above runs once per line of the file.\n\n")
      .arg(n);
}

// A worked step as Phi-4 writes them: inline formulas in the prose and displayed equations.
QString mathSection(int n) {
  return QStringLiteral(
             "With $k = %1$ groups there are $S(n,k)$ ways to form them and $k!$ ways to order them, "
             "so the count is $\\sum_{k=1}^{n} k!\\,S(n,k)$ and, for $n = 5$,\n\n"
             "$$a_5 = \\sum_{k=1}^{5} k!\\,S(5,k) = 1 + 30 + 150 + 240 + 120 = 541$$\n\n"
             "By inclusion and exclusion over the $\\binom{k}{j}$ ways to leave $k - j$ groups empty,\n\n"
             "\\[ a_n = \\sum_{k=0}^{n} \\sum_{j=0}^{k} (-1)^{k-j} \\binom{k}{j}\\, j^{n} \\]\n\n"
             "which is $\\frac{1}{2}\\sum_{m \\ge 0} \\frac{m^n}{2^m}$ as well.\n\n")
      .arg(n);
}

struct Span {
  double meanMs = 0;
  double maxMs = 0;
};

Span summarise(const std::vector<double>& ms, size_t from, size_t to) {
  Span s;
  if (to <= from) return s;
  double sum = 0;
  for (size_t i = from; i < to; ++i) {
    sum += ms[i];
    s.maxMs = std::max(s.maxMs, ms[i]);
  }
  s.meanMs = sum / static_cast<double>(to - from);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);  // QTextDocument needs a GUI application for fonts
  int tokens = 4000;
  QString mode = QStringLiteral("incremental");
  bool math = false;
  const QStringList args = app.arguments();
  for (qsizetype i = 1; i < args.size(); ++i) {
    if (args[i] == QLatin1String("--tokens") && i + 1 < args.size()) {
      tokens = args[++i].toInt();
    } else if (args[i] == QLatin1String("--mode") && i + 1 < args.size()) {
      mode = args[++i];
    } else if (args[i] == QLatin1String("--math")) {
      math = true;
    } else {
      std::fprintf(stderr, "bench_render: unknown argument %s (use --tokens N, --mode full|incremental, --math)\n",
                   qPrintable(args[i]));
      return 2;
    }
  }
  if (tokens < 10) {
    std::fprintf(stderr, "bench_render: --tokens must be at least 10\n");
    return 2;
  }
#ifndef VELOCE_HAVE_STREAMING_RENDERER
  if (mode != QLatin1String("full")) {
    std::fprintf(stderr, "bench_render: this build has only --mode full\n");
    return 2;
  }
#endif
  const qsizetype chars = static_cast<qsizetype>(tokens) * 4;
  QString reply;
  for (int n = 1; reply.size() < chars; ++n) reply += math ? mathSection(n) + section(n) : section(n);
  reply.truncate(chars);

  const QColor link(0x00, 0x79, 0x6b);
  veloce::app::MarkdownRenderer renderer;
#ifdef VELOCE_HAVE_STREAMING_RENDERER
  veloce::app::StreamingRenderer streaming;
  streaming.setLinkColor(link);
  if (math) {  // the chat view's style: formulas drawn (MessageDelegate.qml)
    streaming.setMathPixelSize(18);
    streaming.setMathColor(QColor(0, 0, 0, 0xdd));
    streaming.setTextXHeight(8);
  }
#endif
  std::vector<double> perPiece;
  perPiece.reserve(static_cast<size_t>(tokens));
  QString content;
  qsizetype sink = 0;  // keeps the results alive so nothing is optimised away
  QElapsedTimer timer;
  for (qsizetype at = 0; at < reply.size(); at += 4) {
    const QString piece = reply.mid(at, 4);
    timer.start();
    if (mode == QLatin1String("full")) {
      content += piece;
      sink += renderer.blocks(content, link).size();
    } else {
#ifdef VELOCE_HAVE_STREAMING_RENDERER
      streaming.append(piece);
      sink += streaming.count();
#endif
    }
    perPiece.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  const size_t n = perPiece.size();
  const Span first = summarise(perPiece, 0, n / 10);
  const Span middle = summarise(perPiece, n * 9 / 20, n * 11 / 20);
  const Span last = summarise(perPiece, n - n / 10, n);
  const Span all = summarise(perPiece, 0, n);
  std::printf("bench_render mode=%s%s pieces=%zu chars=%lld (blocks seen: %lld)\n", qPrintable(mode), math ? " math" : "", n,
              static_cast<long long>(reply.size()), static_cast<long long>(sink));
  std::printf("  first tenth:  mean %.3f ms, max %.3f ms per piece\n", first.meanMs, first.maxMs);
  std::printf("  middle tenth: mean %.3f ms, max %.3f ms per piece\n", middle.meanMs, middle.maxMs);
  std::printf("  last tenth:   mean %.3f ms, max %.3f ms per piece\n", last.meanMs, last.maxMs);
  std::printf("  whole reply:  mean %.3f ms, max %.3f ms per piece\n", all.meanMs, all.maxMs);
  return 0;
}
