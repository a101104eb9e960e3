// The link rule of RELIABILITY.md: a link in a reply opens only after the user has seen its full
// address, and only when it is an absolute http or https address with a host.
#include <QTest>

namespace {
QStringList g_warnings;
void recordWarnings(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type != QtDebugMsg && type != QtInfoMsg) g_warnings.append(message);
}
}  // namespace

#include "app/models/desktop_bridge.h"

class TestLinkPolicy : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qInstallMessageHandler(recordWarnings); }
  // Qt complains (and mangles the address) for some ways of printing a URL: none may happen.
  void cleanupTestCase() { QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n'))); }

  void onlyWebAddressesAreOpenable_data() {
    QTest::addColumn<QString>("link");
    QTest::addColumn<bool>("openable");
    QTest::newRow("https") << QStringLiteral("https://en.cppreference.com/w/cpp/algorithm/ranges/sort") << true;
    QTest::newRow("http, port, query") << QStringLiteral("http://example.org:8080/a?b=1#c") << true;
    QTest::newRow("upper-case scheme") << QStringLiteral("HTTPS://example.org/") << true;
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
    QTest::newRow("data") << QStringLiteral("data:text/html,<script>alert(1)</script>") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://example.org/file") << false;
    QTest::newRow("mailto") << QStringLiteral("mailto:someone@example.org") << false;
    QTest::newRow("custom scheme") << QStringLiteral("steam://run/1") << false;
    QTest::newRow("relative") << QStringLiteral("/etc/passwd") << false;
    QTest::newRow("no host") << QStringLiteral("http:///path") << false;
    QTest::newRow("empty") << QString() << false;
  }

  void onlyWebAddressesAreOpenable() {
    QFETCH(QString, link);
    QFETCH(bool, openable);
    veloce::app::DesktopBridge desktop;
    QCOMPARE(desktop.isOpenableLink(link), openable);
    // openLink refuses on its own, whatever the QML does: nothing is launched for these.
    if (!openable) QVERIFY(!desktop.openLink(link));
  }

  void addressIsShownInFull() {
    veloce::app::DesktopBridge desktop;
    // Percent-encoding cannot hide where a link goes.
    QCOMPARE(desktop.displayAddress(QStringLiteral("https://example.org/%61dmin?q=%20x")),
             QStringLiteral("https://example.org/admin?q= x"));
    // ... but an encoded "/" stays encoded, so a path cannot pretend to have other segments, and
    // user info in front of the host stays visible.
    QCOMPARE(desktop.displayAddress(QStringLiteral("https://example.org/a%2Fb")),
             QStringLiteral("https://example.org/a%2Fb"));
    QCOMPARE(desktop.displayAddress(QStringLiteral("https://apple.com@evil.example/x")),
             QStringLiteral("https://apple.com@evil.example/x"));
    // A host in another script that imitates a familiar one ("аpple" with a Cyrillic а) also shows
    // its ASCII (punycode) form, which gives it away.
    const QString shown = desktop.displayAddress(QStringLiteral("https://\u0430pple.com/login"));
    QVERIFY2(shown.startsWith(QStringLiteral("https://\u0430pple.com/login")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("(xn--")), qPrintable(shown));
    // A plain ASCII host gets no such note.
    QCOMPARE(desktop.displayAddress(QStringLiteral("https://apple.com/")), QStringLiteral("https://apple.com/"));
  }
};

QTEST_GUILESS_MAIN(TestLinkPolicy)
#include "test_link_policy.moc"
