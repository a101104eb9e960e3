#pragma once
// The QML engine's only way to the network. Model output is untrusted: an image or style sheet in
// a reply must never be fetched (a remote image is a tracking pixel, and a local one leaks files).
// Every manager this factory makes refuses every request with an error, without opening a socket.
#include <QNetworkAccessManager>
#include <QQmlNetworkAccessManagerFactory>

namespace veloce::app {

class OfflineNetworkAccessManager : public QNetworkAccessManager {
  Q_OBJECT
 public:
  using QNetworkAccessManager::QNetworkAccessManager;
  // How many requests were refused, for tests and diagnostics.
  int refusedCount() const { return refused_; }

 protected:
  QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* outgoingData) override;

 private:
  int refused_ = 0;
};

class OfflineNetworkAccessManagerFactory : public QQmlNetworkAccessManagerFactory {
 public:
  QNetworkAccessManager* create(QObject* parent) override;
};

}  // namespace veloce::app
