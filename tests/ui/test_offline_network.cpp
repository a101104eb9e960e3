// A remote image in model output must cause zero requests: a listener on 127.0.0.1 counts the
// connections while QML views that would fetch it (a rich-text message, an Image) are shown on an
// engine with the offline network factory. A control case proves the listener does see requests.
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QQmlComponent>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QTcpServer>
#include <QTest>
#include <memory>

#include "app/models/markdown_renderer.h"
#include "app/models/offline_network.h"

class TestOfflineNetwork : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    server_ = std::make_unique<QTcpServer>();
    connections_ = 0;
    QVERIFY(server_->listen(QHostAddress::LocalHost));
    connect(server_.get(), &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket* socket = server_->nextPendingConnection()) {
        ++connections_;
        socket->close();
      }
    });
  }
  void cleanup() { server_.reset(); }

  void controlPlainManagerReachesListener() {
    // Without the factory a request does arrive: the listener is able to notice one.
    QNetworkAccessManager manager;
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(url(QStringLiteral("/probe.png")))));
    QTRY_VERIFY_WITH_TIMEOUT(connections_ > 0, 5000);
  }

  void remoteImagesInRepliesAreNeverFetched() {
    QQmlEngine engine;
    veloce::app::OfflineNetworkAccessManagerFactory factory;
    engine.setNetworkAccessManagerFactory(&factory);
    veloce::app::MarkdownRenderer renderer;
    engine.rootContext()->setContextProperty(QStringLiteral("markdown"), &renderer);
    engine.rootContext()->setContextProperty(QStringLiteral("imageUrl"), url(QStringLiteral("/pixel.png")));
    // A hostile reply: a Markdown image, raw HTML images and a raw HTML style sheet link.
    engine.rootContext()->setContextProperty(
        QStringLiteral("hostile"),
        QStringLiteral("Hello ![t](%1) <img src=\"%1\"> <link rel=stylesheet href=\"%1\">\n\n<img src=\"%1\">")
            .arg(url(QStringLiteral("/pixel.png")).toString()));

    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQuick
        Item {
            width: 400; height: 300
            // What MessageDelegate/ProseBlock show, and the same text as raw rich text.
            TextEdit { textFormat: TextEdit.RichText; text: markdown.blocks(hostile)[0].html }
            Text { textFormat: Text.RichText; text: "<img src='" + imageUrl + "'>" }
            Image { objectName: "image"; source: imageUrl }
        })",
                      QUrl(QStringLiteral("qrc:/test/Hostile.qml")));
    std::unique_ptr<QObject> root(component.create());
    QVERIFY2(root, qPrintable(component.errorString()));

    // The Image element does try: its request is refused by the engine's manager, so it fails.
    auto* image = root->findChild<QQuickItem*>(QStringLiteral("image"));
    QVERIFY(image);
    QTRY_COMPARE_WITH_TIMEOUT(image->property("status").toInt(), 3 /* Image.Error */, 5000);
    QTest::qWait(500);
    QCOMPARE(connections_, 0);
  }

 private:
  QUrl url(const QString& path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_->serverPort()).arg(path));
  }
  std::unique_ptr<QTcpServer> server_;
  int connections_ = 0;
};

QTEST_MAIN(TestOfflineNetwork)
#include "test_offline_network.moc"
