// The PDF export's page as poppler renders it: the space around and between the lines of a
// message is the page's colour. Qt's rich text has no boxes, so a background on a message's
// <div> was painted behind each of its paragraphs on its own: grey bands with white gaps between.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/export/exporter.h"
#include "app/storage/conversation_store.h"

using namespace veloce::storage;
using namespace veloce::exporting;

namespace {

// Long enough to wrap onto several lines of an A4 column.
QString paragraph(const QString& first_word, int words) {
  QString out = first_word;
  for (int i = 1; i < words; ++i) out += QStringLiteral(" snail%1").arg(i);
  return out;
}

QByteArray run(const QString& program, const QStringList& args, QString& error) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(90000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
    error = program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
    p.kill();
    return {};
  }
  return p.readAllStandardOutput();
}

// The box (points) from the first word `from` to the last word `to` on page 1, per pdftotext -bbox.
QRectF span(const QString& bbox_html, const QString& from, const QString& to) {
  static const QRegularExpression word(
      QStringLiteral("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>"));
  QRectF box;
  bool inside = false;
  for (auto it = word.globalMatch(bbox_html); it.hasNext();) {
    const auto m = it.next();
    if (m.captured(5) == from) inside = true;
    if (!inside) continue;
    box = box.united(QRectF(QPointF(m.captured(1).toDouble(), m.captured(2).toDouble()),
                            QPointF(m.captured(3).toDouble(), m.captured(4).toDouble())));
    if (m.captured(5) == to) break;
  }
  return box;
}

// Rows of `area` with no ink (no pixel darker than mid grey) lie between or around lines of
// text; those mostly not white are a band of background. Antialiasing tints only a few pixels.
int tinted_rows_between_lines(const QImage& page, const QRect& area) {
  int rows = 0;
  for (int y = area.top(); y <= area.bottom(); ++y) {
    bool ink = false;
    int tinted = 0;
    for (int x = area.left(); x <= area.right(); ++x) {
      const QRgb p = page.pixel(x, y);
      ink = ink || qGray(p) < 128;
      tinted += qRed(p) < 250 || qGreen(p) < 250 || qBlue(p) < 250;
    }
    rows += !ink && tinted * 2 > area.width();
  }
  return rows;
}

}  // namespace

class PdfPageTest : public QObject {
  Q_OBJECT
 private slots:
  void theSpaceBetweenAMessagesLinesIsThePageColour() {
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    QVERIFY2(!pdftoppm.isEmpty() && !pdftotext.isEmpty(), "poppler-utils is not installed (scripts/setup.sh installs it)");
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const auto c = store.create_conversation({QStringLiteral("Bands"), {}, {}, {}, {}});
    const auto q =
        store.append_message(c.id, 0, Role::User, paragraph(QStringLiteral("Userstart"), 60) + QStringLiteral(" Userend"));
    const auto reply = store.append_message(c.id, q.id, Role::Assistant, {}, MessageState::Streaming);
    store.finish_message(reply.id,
                         paragraph(QStringLiteral("Replystart"), 60) + QStringLiteral("\n\n") +
                             paragraph(QStringLiteral("Second"), 40) + QStringLiteral(" Replyend"),
                         MessageState::Complete);
    const QString file = dir.filePath(QStringLiteral("export.pdf"));
    {
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(render(load_for_export(store, c.id), ExportFormat::Pdf));
    }
    QString error;
    const QString bbox = QString::fromUtf8(run(pdftotext,
                                               {QStringLiteral("-bbox"), QStringLiteral("-f"), QStringLiteral("1"),
                                                QStringLiteral("-l"), QStringLiteral("1"), file, QStringLiteral("-")},
                                               error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    constexpr int kDpi = 100;
    run(pdftoppm,
        {QStringLiteral("-png"), QStringLiteral("-r"), QString::number(kDpi), QStringLiteral("-f"), QStringLiteral("1"),
         QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"), file,
         dir.filePath(QStringLiteral("page"))},
        error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QImage page(dir.filePath(QStringLiteral("page.png")));
    QVERIFY(!page.isNull());
    if (const QString keep = qEnvironmentVariable("VELOCE_PDF_PAGE_SHOT"); !keep.isEmpty()) {
      QFile::remove(keep);
      QFile::copy(dir.filePath(QStringLiteral("page.png")), keep);
    }
    const double scale = kDpi / 72.0;
    for (const auto& [from, to] : {std::pair{QStringLiteral("Userstart"), QStringLiteral("Userend")},
                                   std::pair{QStringLiteral("Replystart"), QStringLiteral("Replyend")}}) {
      const QRectF box = span(bbox, from, to);
      QVERIFY2(box.height() > 30, qPrintable(from));  // several lines
      // The message's lines, a little past them on every side, where a band would show.
      const QRect area = QRect(QPoint(qFloor(box.left() * scale), qFloor(box.top() * scale)),
                               QPoint(qCeil(box.right() * scale), qCeil(box.bottom() * scale)))
                             .adjusted(-4, -4, 4, 4)
                             .intersected(page.rect());
      const int rows = tinted_rows_between_lines(page, area);
      QVERIFY2(rows == 0,
               qPrintable(QStringLiteral("%1: %2 pixel rows between lines are not the page colour").arg(from).arg(rows)));
    }
  }
};

QTEST_MAIN(PdfPageTest)
#include "pdf_page_test.moc"
