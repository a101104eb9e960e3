// Qt Test for the exporters: each format parsed back and checked, the JSON round trip and
// double import, hostile titles as file names, atomic writes and progress.
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "app/export/atomic_file.h"
#include "app/export/exporter.h"
#include "app/export/file_names.h"
#include "app/export/json_format.h"
#include "app/export/metadata.h"
#include "app/storage/conversation_store.h"

using namespace veloce::storage;
using namespace veloce::exporting;

namespace {

const QString kHostileMarkup = QStringLiteral("Look: <img src=http://127.0.0.1:9/x> <script>alert(1)</script> & \"q\" 'a'");

// A conversation with markup in its text, a regenerated reply (2 versions) and settings.
qint64 make_conversation(ConversationStore& store, const QString& title) {
  GenerationSettings s;
  s.temperature = 0.3;
  s.top_k = 20;
  s.seed = 1234;
  const auto c = store.create_conversation({title, QStringLiteral("You are terse.\nAnswer in English."), s,
                                            QStringLiteral("phi-4-Q4_K_M.gguf"), QStringLiteral("Q4_K_M")});
  const auto q = store.append_message(c.id, 0, Role::User, QStringLiteral("How many orders for 5 snails?"));
  const auto a1 = store.append_message(c.id, q.id, Role::Assistant, QStringLiteral("Old reply: 24"));
  store.finish_message(a1.id, QStringLiteral("Old reply: 24"), MessageState::Stopped);
  const auto a2 = store.append_message(c.id, q.id, Role::Assistant, {}, MessageState::Streaming);
  store.finish_message(a2.id, QStringLiteral("**5! = 120** orders.\n\n```\nfact(5)\n```"), MessageState::Complete,
                       {17, 12, 40.5, 25.0});
  store.append_message(c.id, a2.id, Role::User, kHostileMarkup);
  return c.id;
}

QString read_all(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

QJsonObject without_exported_at(const QByteArray& json) {
  QJsonObject o = QJsonDocument::fromJson(json).object();
  o.remove(QStringLiteral("exported_at"));
  return o;
}

}  // namespace

class ExportTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void markdownHasMetadataAndShownBranch() {
    ConversationStore store(path(QStringLiteral("md.sqlite")));
    const qint64 id = make_conversation(store, QStringLiteral("Snail race"));
    const QString md = QString::fromUtf8(render(load_for_export(store, id), ExportFormat::Markdown));
    QVERIFY(md.startsWith(QStringLiteral("# Snail race\n")));
    QVERIFY(md.contains(QStringLiteral("- **Model:** phi-4-Q4_K_M.gguf (Q4_K_M)")));
    QVERIFY(md.contains(QStringLiteral("temperature 0.3, top-k 20")));
    QVERIFY(md.contains(QStringLiteral("seed 1234")));
    QVERIFY(md.contains(QStringLiteral("- **Created:** ") + reader_date(store.conversation(id)->created_at)));
    QVERIFY(md.contains(QStringLiteral("> You are terse.\n> Answer in English.\n")));
    // The shown branch, in order; the old reply is not shown but the switcher position is.
    const qsizetype q = md.indexOf(QStringLiteral("How many orders"));
    const qsizetype a = md.indexOf(QStringLiteral("**5! = 120** orders.\n\n```\nfact(5)\n```"));
    const qsizetype h = md.indexOf(kHostileMarkup);
    QVERIFY(q > 0 && a > q && h > a);
    QVERIFY(!md.contains(QStringLiteral("Old reply")));
    QVERIFY(md.contains(QStringLiteral("## Assistant (version 2 of 2)")));
    QCOMPARE(md.count(QStringLiteral("\n## ")), 3);
  }

  void textHasEverything() {
    ConversationStore store(path(QStringLiteral("txt.sqlite")));
    const qint64 id = make_conversation(store, QStringLiteral("Line\nbreak title"));
    const QString txt = QString::fromUtf8(render(load_for_export(store, id), ExportFormat::Text));
    QVERIFY(txt.startsWith(QStringLiteral("Line break title\n================\n")));
    QVERIFY(txt.contains(QStringLiteral("Model: phi-4-Q4_K_M.gguf (Q4_K_M)")));
    QVERIFY(txt.contains(QStringLiteral("System prompt:\nYou are terse.\nAnswer in English.\n")));
    QVERIFY(txt.contains(kHostileMarkup + QLatin1Char('\n')));  // text is text: unchanged
    QVERIFY(txt.contains(QStringLiteral("(version 2 of 2):\n**5! = 120** orders.")));
  }

  // Markdown and text are read by people: local time, in words, with the zone named; the ISO
  // UTC form ("2024-05-01T10:00:00.000Z") is for the JSON export only.
  void markdownAndTextShowLocalReadableDatesNotIsoUtc() {
    ConversationStore store(path(QStringLiteral("dates.sqlite")));
    const qint64 id = make_conversation(store, QStringLiteral("Dates"));
    const auto loaded = load_for_export(store, id);
    const QLocale locale;
    QStringList readable, iso;
    for (const QDateTime& t :
         {loaded.conversation.created_at, loaded.conversation.updated_at, loaded.messages[0].created_at}) {
      readable << locale.toString(t.toLocalTime(), QLocale::LongFormat);
      iso << t.toUTC().toString(Qt::ISODateWithMs);
    }
    for (const ExportFormat format : {ExportFormat::Markdown, ExportFormat::Text}) {
      const QString out = QString::fromUtf8(render(loaded, format));
      for (const QString& date : readable) QVERIFY2(out.contains(date), qPrintable(date + u'\n' + out));
      for (const QString& date : iso) QVERIFY2(!out.contains(date), qPrintable(date + u'\n' + out));
      QVERIFY2(!out.contains(QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT"))), qPrintable(out));
    }
    const QJsonObject json = QJsonDocument::fromJson(render(loaded, ExportFormat::Json)).object();
    const QJsonObject conversation = json.value(QStringLiteral("conversations")).toArray().at(0).toObject();
    QCOMPARE(conversation.value(QStringLiteral("created_at")).toString(), iso[0]);
  }

  void htmlIsEscapedAndStandalone() {
    ConversationStore store(path(QStringLiteral("html.sqlite")));
    const qint64 id = make_conversation(store, QStringLiteral("<b>Title</b> & \u202Eevil"));
    const QByteArray html = render(load_for_export(store, id), ExportFormat::Html);
    QVERIFY(html.startsWith("<!DOCTYPE html>"));

    // Parse strictly: every element, attribute and text node.
    QXmlStreamReader xml(html);
    QStringList pre_texts, elements, styles;
    QString title;
    bool in_head = false;
    while (!xml.atEnd()) {
      xml.readNext();
      if (xml.isEndElement() && xml.name() == QLatin1String("head")) in_head = false;
      if (!xml.isStartElement()) continue;
      const QString name = xml.name().toString().toLower();
      if (name == QLatin1String("head")) in_head = true;
      elements << name;
      for (const auto& attribute : xml.attributes()) {
        const QString value = attribute.value().toString().toLower();
        QVERIFY2(!value.contains(QStringLiteral("://")) && !value.contains(QStringLiteral("url(")) &&
                     !value.contains(QStringLiteral("javascript:")) && !value.contains(QStringLiteral("@import")),
                 qPrintable(value));
        QVERIFY(!attribute.name().toString().toLower().startsWith(QStringLiteral("on")));
        QVERIFY(attribute.name() != QLatin1String("src") && attribute.name() != QLatin1String("href"));
      }
      if (name == QLatin1String("pre")) pre_texts << xml.readElementText(QXmlStreamReader::IncludeChildElements);
      else if (name == QLatin1String("title")) title = xml.readElementText();
      else if (name == QLatin1String("style")) {
        QVERIFY2(in_head, "a <style> outside <head>");
        styles << xml.readElementText();
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    for (const char* forbidden : {"script", "img", "link", "iframe", "object", "embed", "svg", "a", "base", "form"})
      QVERIFY2(!elements.contains(QLatin1String(forbidden)), forbidden);
    // One stylesheet, in <head>, that loads nothing.
    QCOMPARE(styles.size(), 1);
    for (const char* load : {"url(", "@import", "://", "expression("})
      QVERIFY2(!styles[0].toLower().contains(QLatin1String(load)), load);
    QVERIFY(elements.contains(QStringLiteral("body")));
    // The text comes back exactly as written: escaped, not interpreted.
    QCOMPARE(title, QStringLiteral("<b>Title</b> & \u202Eevil"));
    QVERIFY(pre_texts.contains(kHostileMarkup));
    QVERIFY(pre_texts.contains(QStringLiteral("You are terse.\nAnswer in English.")));
    // The reply's Markdown is rendered (html_markdown_test checks how); its code block stays verbatim.
    QVERIFY(pre_texts.contains(QStringLiteral("fact(5)")));
    QVERIFY(!html.contains("**5! = 120**"));
    QVERIFY(!pre_texts.join(QString()).contains(QStringLiteral("Old reply")));
    QVERIFY(!html.contains("<img") && !html.contains("<script"));
    QVERIFY(html.contains("default-src 'none'"));  // CSP forbids every load
  }

  void pdfHasPages() {
    ConversationStore store(path(QStringLiteral("pdf.sqlite")));
    const qint64 id = make_conversation(store, QStringLiteral("PDF"));
    const QByteArray pdf = render(load_for_export(store, id), ExportFormat::Pdf);
    QVERIFY(pdf.startsWith("%PDF-1."));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    auto page_count = [](const QByteArray& file) {
      // The page tree root: "/Type /Pages ... /Count N".
      static const QRegularExpression kCount(QStringLiteral("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)"));
      const auto m = kCount.match(QString::fromLatin1(file));
      return m.hasMatch() ? m.captured(1).toInt() : -1;
    };
    QCOMPARE(page_count(pdf), 1);
    QCOMPARE(QRegularExpression(QStringLiteral("/Type\\s*/Page\\b")).globalMatch(QString::fromLatin1(pdf)).hasNext(), true);

    // A long conversation flows over several pages.
    const auto c = store.create_conversation({QStringLiteral("Long"), {}, {}, {}, {}});
    qint64 parent = 0;
    for (int i = 0; i < 40; ++i)
      parent = store.append_message(c.id, parent, Role::User, QStringLiteral("Paragraph %1. ").arg(i).repeated(40)).id;
    const QByteArray long_pdf = render(load_for_export(store, c.id), ExportFormat::Pdf);
    QVERIFY2(page_count(long_pdf) >= 5, qPrintable(QString::number(page_count(long_pdf))));
    QString counted = QString::fromLatin1(long_pdf);
    QCOMPARE(counted.count(QRegularExpression(QStringLiteral("/Type\\s*/Page\\b"))), page_count(long_pdf));
  }

  void jsonHasEveryBranchAndRoundTrips() {
    const QString first_db = path(QStringLiteral("rt1.sqlite"));
    const QString second_db = path(QStringLiteral("rt2.sqlite"));
    const QString first_json = path(QStringLiteral("rt1.json"));
    const QString second_json = path(QStringLiteral("rt2.json"));
    {
      ConversationStore store(first_db);
      make_conversation(store, QStringLiteral("One"));
      const qint64 two = make_conversation(store, QStringLiteral("Two 🐌"));
      store.set_pinned(two, true);
      make_conversation(store, QStringLiteral("Three"));
      export_to_file(store, all_conversation_ids(store), ExportFormat::Json, first_json);
    }
    const QByteArray exported = read_all(first_json).toUtf8();
    const QJsonObject root = QJsonDocument::fromJson(exported).object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("veloce-conversations"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QVERIFY(QDateTime::fromString(root.value(QStringLiteral("exported_at")).toString(), Qt::ISODateWithMs).isValid());
    const QJsonArray conversations = root.value(QStringLiteral("conversations")).toArray();
    QCOMPARE(conversations.size(), 3);
    const QJsonObject two = conversations[1].toObject();
    QCOMPARE(two.value(QStringLiteral("title")).toString(), QStringLiteral("Two 🐌"));
    QCOMPARE(two.value(QStringLiteral("pinned")).toBool(), true);
    QCOMPARE(two.value(QStringLiteral("model")).toObject().value(QStringLiteral("quantization")).toString(),
             QStringLiteral("Q4_K_M"));
    QCOMPARE(two.value(QStringLiteral("settings")).toObject().value(QStringLiteral("seed")).toInteger(), 1234);
    const QJsonArray messages = two.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 4);  // both replies: every branch
    const QString root_uuid = messages[0].toObject().value(QStringLiteral("uuid")).toString();
    QVERIFY(messages[0].toObject().value(QStringLiteral("parent_uuid")).isNull());
    QCOMPARE(messages[1].toObject().value(QStringLiteral("parent_uuid")).toString(), root_uuid);
    QCOMPARE(messages[2].toObject().value(QStringLiteral("parent_uuid")).toString(), root_uuid);
    QCOMPARE(messages[1].toObject().value(QStringLiteral("active")).toBool(), false);
    QCOMPARE(messages[1].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
    QCOMPARE(messages[2].toObject().value(QStringLiteral("active")).toBool(), true);
    QCOMPARE(messages[2]
                 .toObject()
                 .value(QStringLiteral("stats"))
                 .toObject()
                 .value(QStringLiteral("tokens_per_second"))
                 .toDouble(),
             25.0);
    QCOMPARE(messages[3].toObject().value(QStringLiteral("content")).toString(), kHostileMarkup);

    QTest::qWait(5);  // so that the second export's exported_at differs
    {
      ConversationStore store(second_db);
      auto r = import_json_file(store, first_json);
      QCOMPARE(r.conversations_added, 3);
      QCOMPARE(r.messages_added, 12);
      // Importing the same file again adds nothing.
      r = import_json_file(store, first_json);
      QCOMPARE(r.conversations_added, 0);
      QCOMPARE(r.messages_added, 0);
      QCOMPARE(r.conversations_already_present, 3);
      QCOMPARE(r.messages_already_present, 12);
      QCOMPARE(store.list_conversations().size(), size_t{3});
      // The shown branch survived the trip.
      const auto two_id = *store.conversation_id_by_uuid(two.value(QStringLiteral("uuid")).toString());
      QCOMPARE(store.current_branch(two_id).at(1).message.content,
               QStringLiteral("**5! = 120** orders.\n\n```\nfact(5)\n```"));
      QCOMPARE(store.current_branch(two_id).at(1).sibling_count, 2);
      export_to_file(store, all_conversation_ids(store), ExportFormat::Json, second_json);
    }
    const QByteArray reexported = read_all(second_json).toUtf8();
    // Identical except exported_at, which is the moment of each export.
    QVERIFY(QJsonDocument::fromJson(exported).object().value(QStringLiteral("exported_at")) !=
            QJsonDocument::fromJson(reexported).object().value(QStringLiteral("exported_at")));
    QCOMPARE(without_exported_at(reexported), without_exported_at(exported));
    QByteArray a = exported, b = reexported;
    static const QRegularExpression kExportedAt(QStringLiteral("\"exported_at\": \"[^\"]*\""));
    QCOMPARE(QString::fromUtf8(b).remove(kExportedAt), QString::fromUtf8(a).remove(kExportedAt));  // byte for byte
  }

  void importRejectsBadFilesWithFieldAndAddsNothing() {
    ConversationStore store(path(QStringLiteral("bad.sqlite")));
    make_conversation(store, QStringLiteral("Good"));
    const QString good = path(QStringLiteral("good.json"));
    export_to_file(store, all_conversation_ids(store), ExportFormat::Json, good);
    const QJsonObject base = QJsonDocument::fromJson(read_all(good).toUtf8()).object();

    ConversationStore target(path(QStringLiteral("target.sqlite")));
    auto expect_error = [&](const QJsonObject& doc, const QString& expected) {
      const QString file = path(QStringLiteral("broken.json"));
      write_file_atomically(file, QJsonDocument(doc).toJson());
      try {
        import_json_file(target, file);
        QFAIL(qPrintable(QStringLiteral("accepted a file that should fail with: ") + expected));
      } catch (const ExportError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(file), e.what());
      }
      QVERIFY(target.list_conversations().empty());
    };
    QJsonObject doc = base;
    doc[QStringLiteral("format")] = QStringLiteral("something-else");
    expect_error(doc, QStringLiteral("format: expected \"veloce-conversations\""));
    doc = base;
    doc[QStringLiteral("version")] = 2;
    expect_error(doc, QStringLiteral("version: version 2 was written by a newer Veloce"));

    auto with_message_field = [&](const char* key, const QJsonValue& value) {
      QJsonObject d = base;
      QJsonArray convs = d[QStringLiteral("conversations")].toArray();
      QJsonObject conv = convs[0].toObject();
      QJsonArray msgs = conv[QStringLiteral("messages")].toArray();
      QJsonObject m = msgs[2].toObject();
      if (value.isUndefined()) m.remove(QLatin1String(key));
      else m[QLatin1String(key)] = value;
      msgs[2] = m;
      conv[QStringLiteral("messages")] = msgs;
      convs[0] = conv;
      d[QStringLiteral("conversations")] = convs;
      return d;
    };
    expect_error(with_message_field("role", QStringLiteral("wizard")),
                 QStringLiteral("conversations[0].messages[2].role: 'wizard' is not"));
    expect_error(with_message_field("content", QJsonValue(QJsonValue::Undefined)),
                 QStringLiteral("conversations[0].messages[2].content: missing"));
    expect_error(
        with_message_field("parent_uuid", QStringLiteral("00000000-0000-4000-8000-00000000dead")),
        QStringLiteral(
            "conversations[0].messages[2].parent_uuid: 00000000-0000-4000-8000-00000000dead is not an earlier message"));
    expect_error(with_message_field("created_at", QStringLiteral("yesterday")),
                 QStringLiteral("messages[2].created_at: not an ISO 8601 date"));
    expect_error(with_message_field("uuid", QStringLiteral("not-a-uuid")), QStringLiteral("messages[2].uuid: not a UUID"));
    // A later problem leaves nothing from the earlier, valid conversations.
    QJsonObject two = base;
    QJsonArray convs = two[QStringLiteral("conversations")].toArray();
    QJsonObject copy = convs[0].toObject();
    copy[QStringLiteral("uuid")] = QStringLiteral("99999999-9999-4999-8999-999999999999");
    copy[QStringLiteral("messages")] = QJsonArray{QJsonValue(QStringLiteral("not an object"))};
    convs.append(copy);
    two[QStringLiteral("conversations")] = convs;
    expect_error(two, QStringLiteral("conversations[1].messages[0]: expected an object"));

    const QString not_json = path(QStringLiteral("not.json"));
    write_file_atomically(not_json, QByteArray("{\"format\": "));
    QVERIFY_THROWS_EXCEPTION(ExportError, import_json_file(target, not_json));
    QVERIFY_THROWS_EXCEPTION(ExportError, import_json_file(target, path(QStringLiteral("missing.json"))));
  }

  void hostileTitlesMakeSafeFileNames() {
    const QStringList titles = {QStringLiteral("../../etc/passwd"),
                                QStringLiteral("a/b\\c:d*e?f\"g<h>i|j"),
                                QStringLiteral("CON"),
                                QStringLiteral("con.txt"),
                                QStringLiteral("NUL"),
                                QStringLiteral("com1"),
                                QStringLiteral("LPT9 "),
                                QStringLiteral("ctl\x01\x1f\x7f"
                                               "chars\ttab\nnewline"),
                                QStringLiteral("\u202Egnp.exe"),
                                QStringLiteral("a\u2066b\u2069c\u200Fd\uFEFF"),
                                QString(500, QLatin1Char('x')),
                                QString(300, QChar(0x00E9)),
                                QStringLiteral("🐌🐌 Family: 👨‍👩‍👧"),
                                QStringLiteral("..."),
                                QStringLiteral(" .hidden"),
                                QStringLiteral(""),
                                QStringLiteral("Same"),
                                QStringLiteral("same"),
                                QStringLiteral("Cafe\u0301")};
    for (const QString& t : titles) {
      const QString stem = sanitized_file_stem(t);
      QVERIFY2(!stem.isEmpty(), qPrintable(t));
      QVERIFY2(stem.toUtf8().size() <= kMaxStemBytes, qPrintable(stem));
      for (QChar c : QStringLiteral("/\\:*?\"<>|")) QVERIFY2(!stem.contains(c), qPrintable(stem));
      for (QChar c : stem) {
        QVERIFY2(c.category() != QChar::Other_Control, qPrintable(stem));
        QVERIFY2(c.category() != QChar::Other_Format || c.unicode() == 0x200D, qPrintable(stem));
      }
      QVERIFY2(!stem.startsWith(QLatin1Char('.')) && !stem.endsWith(QLatin1Char('.')) && !stem.endsWith(QLatin1Char(' ')),
               qPrintable(stem));
      static const QRegularExpression kDevice(QStringLiteral("^(con|prn|aux|nul|com\\d|lpt\\d)(\\..*)?$"),
                                              QRegularExpression::CaseInsensitiveOption);
      QVERIFY2(!kDevice.match(stem.trimmed()).hasMatch(), qPrintable(stem));
    }
    QCOMPARE(sanitized_file_stem(QStringLiteral("../../etc/passwd")), QStringLiteral("_.._etc_passwd"));
    QCOMPARE(sanitized_file_stem(QStringLiteral("CON")), QStringLiteral("_CON"));
    QCOMPARE(sanitized_file_stem(QStringLiteral("con.txt")), QStringLiteral("_con.txt"));
    QCOMPARE(sanitized_file_stem(QStringLiteral("\u202Egnp.exe")), QStringLiteral("gnp.exe"));
    QCOMPARE(sanitized_file_stem(QStringLiteral("...")), QStringLiteral("Conversation"));
    QCOMPARE(sanitized_file_stem(QStringLiteral(" .hidden")), QStringLiteral("hidden"));
    QCOMPARE(sanitized_file_stem(QStringLiteral("🐌🐌 Family: 👨‍👩‍👧")),
             QStringLiteral("🐌🐌 Family_ 👨‍👩‍👧"));
    QCOMPARE(sanitized_file_stem(QString(500, QLatin1Char('x'))), QString(120, QLatin1Char('x')));
    QCOMPARE(sanitized_file_stem(QString(300, QChar(0x00E9))), QString(60, QChar(0x00E9)));    // 2 bytes each
    QCOMPARE(sanitized_file_stem(QStringLiteral("Cafe\u0301")), QStringLiteral("Caf\u00E9"));  // NFC

    // Written for real: every file lands directly in the chosen folder, one per conversation.
    ConversationStore store(path(QStringLiteral("titles.sqlite")));
    std::vector<qint64> ids;
    for (const QString& t : titles) {
      const auto c = store.create_conversation({t, {}, {}, {}, {}});
      store.append_message(c.id, 0, Role::User, QStringLiteral("hi"));
      ids.push_back(c.id);
    }
    const QString folder = path(QStringLiteral("out/inner"));
    const auto result = export_to_folder(store, ids, ExportFormat::Markdown, folder);
    QCOMPARE(result.files.size(), titles.size());
    const QStringList on_disk = QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System);
    QCOMPARE(on_disk.size(), titles.size());  // nothing overwrote anything else
    QCOMPARE(QDir(path(QStringLiteral("out"))).entryList(QDir::Files | QDir::Hidden).size(), 0);  // nothing escaped
    QVERIFY(on_disk.contains(QStringLiteral("Same.md")) && on_disk.contains(QStringLiteral("same (2).md")));
    for (const QString& f : result.files) QCOMPARE(QFileInfo(f).absolutePath(), QDir(folder).absolutePath());
  }

  void exportNeverFollowsSymlinksOutOfTheFolder() {
    // Links planted in the export folder under the names the titles map to: to a file outside,
    // dangling (to a file that does not exist yet) and to a folder outside.
    const QString outside = path(QStringLiteral("outside"));
    const QString folder = path(QStringLiteral("links"));
    QVERIFY(QDir().mkpath(outside) && QDir().mkpath(folder));
    const QString victim = outside + QStringLiteral("/victim.txt");
    write_file_atomically(victim, QByteArray("precious"));
    QVERIFY(QFile::link(victim, folder + QStringLiteral("/Planted.md")));
    QVERIFY(QFile::link(outside + QStringLiteral("/created.md"), folder + QStringLiteral("/Dangling.md")));
    QVERIFY(QFile::link(outside, folder + QStringLiteral("/Linked.md")));

    ConversationStore store(path(QStringLiteral("links.sqlite")));
    std::vector<qint64> ids;
    for (const char* title : {"Planted", "Dangling", "Linked"})
      ids.push_back(make_conversation(store, QString::fromLatin1(title)));
    const auto result = export_to_folder(store, ids, ExportFormat::Markdown, folder);
    QCOMPARE(result.files,
             (QStringList{folder + QStringLiteral("/Planted (2).md"), folder + QStringLiteral("/Dangling (2).md"),
                          folder + QStringLiteral("/Linked (2).md")}));
    for (const QString& f : result.files) {
      QVERIFY2(QFileInfo(f).isFile() && !QFileInfo(f).isSymLink(), qPrintable(f));
      QVERIFY(read_all(f).contains(QStringLiteral("5 snails")));
    }
    // Nothing outside changed or appeared; the links are still links.
    QCOMPARE(read_all(victim), QStringLiteral("precious"));
    QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("victim.txt")});
    for (const char* name : {"/Planted.md", "/Dangling.md", "/Linked.md"})
      QVERIFY(QFileInfo(folder + QLatin1String(name)).isSymLink());

    // Writing to a link's path directly (a chosen file name) is refused, naming the file.
    for (const char* name : {"/Planted.md", "/Dangling.md", "/Linked.md"}) {
      const QString link = folder + QLatin1String(name);
      try {
        export_to_file(store, {ids[0]}, ExportFormat::Markdown, link);
        QFAIL(qPrintable(QStringLiteral("wrote through the link ") + link));
      } catch (const ExportError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("symbolic link")), e.what());
      }
    }
    QCOMPARE(read_all(victim), QStringLiteral("precious"));
    QVERIFY(!QFileInfo::exists(outside + QStringLiteral("/created.md")));
  }

  void failedWritesLeaveOldFileIntact() {
    const QString target = path(QStringLiteral("keep.md"));
    write_file_atomically(target, QByteArray("old contents"));
    // The writer fails half-way: the old file stays, and no temporary file is left behind.
    const QStringList before = QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, write_file_atomically(target, [](QIODevice& out) {
                               out.write("half of the new cont");
                               throw std::runtime_error("disk on fire");
                             }));
    QCOMPARE(read_all(target), QStringLiteral("old contents"));
    QCOMPARE(QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden), before);

    // A target that is a folder: refused, the folder and its content untouched.
    const QString folder = path(QStringLiteral("folder.md"));
    QVERIFY(QDir().mkpath(folder));
    write_file_atomically(folder + QStringLiteral("/inside.txt"), QByteArray("inside"));
    try {
      write_file_atomically(folder, QByteArray("new"));
      QFAIL("wrote over a folder");
    } catch (const ExportError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(folder), e.what());
    }
    QVERIFY(QFileInfo(folder).isDir());
    QCOMPARE(read_all(folder + QStringLiteral("/inside.txt")), QStringLiteral("inside"));

    // A folder that does not exist: a clear error naming the file.
    QVERIFY_THROWS_EXCEPTION(ExportError, write_file_atomically(path(QStringLiteral("no/such/dir/x.md")), QByteArray("x")));

    // Through the exporter: a failing export over an existing export keeps the old one.
    ConversationStore store(path(QStringLiteral("atomic.sqlite")));
    const qint64 id = make_conversation(store, QStringLiteral("Atomic"));
    export_to_file(store, {id}, ExportFormat::Html, target);
    const QString exported = read_all(target);
    QVERIFY(exported.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY_THROWS_EXCEPTION(StoreError, export_to_file(store, {987654}, ExportFormat::Html, target));
    QCOMPARE(read_all(target), exported);
    QVERIFY_THROWS_EXCEPTION(ExportError, export_to_file(store, {id, id}, ExportFormat::Html, target));
  }

  void progressAndCancelWhenExportingAll() {
    ConversationStore store(path(QStringLiteral("progress.sqlite")));
    for (int i = 0; i < 4; ++i) make_conversation(store, QStringLiteral("Conv %1").arg(i));
    std::vector<std::pair<int, int>> calls;
    const QString folder = path(QStringLiteral("progress"));
    auto result = export_to_folder(store, all_conversation_ids(store), ExportFormat::Text, folder, [&](int done, int total) {
      calls.emplace_back(done, total);
      return true;
    });
    QCOMPARE(calls, (std::vector<std::pair<int, int>>{{1, 4}, {2, 4}, {3, 4}, {4, 4}}));
    QCOMPARE(result.files.size(), 4);
    QVERIFY(!result.cancelled);
    result = export_to_folder(store, all_conversation_ids(store), ExportFormat::Pdf, path(QStringLiteral("cancelled")),
                              [](int done, int) { return done < 2; });
    QVERIFY(result.cancelled);
    QCOMPARE(result.files.size(), 2);
    QCOMPARE(QDir(path(QStringLiteral("cancelled"))).entryList(QDir::Files).size(), 2);
  }
};

QTEST_MAIN(ExportTest)
#include "export_test.moc"
