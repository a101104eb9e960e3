#include "app/models/offline_network.h"

#include <QNetworkReply>
#include <QTimer>

namespace veloce::app {
namespace {

// A reply that has already failed: no data, an access-denied error, finished on the next turn of
// the event loop (callers connect to finished() after createRequest returns).
class RefusedReply : public QNetworkReply {
 public:
  RefusedReply(QNetworkAccessManager::Operation op, const QNetworkRequest& request, QObject* parent)
      : QNetworkReply(parent) {
    setRequest(request);
    setUrl(request.url());
    setOperation(op);
    setOpenMode(QIODevice::ReadOnly);
    setError(QNetworkReply::ContentAccessDenied,
             QObject::tr("Veloce does not load anything from the network: %1").arg(request.url().toDisplayString()));
    setFinished(true);
    QTimer::singleShot(0, this, [this] {
      emit errorOccurred(QNetworkReply::ContentAccessDenied);
      emit finished();
    });
  }
  void abort() override {}
  qint64 bytesAvailable() const override { return 0; }

 protected:
  qint64 readData(char*, qint64) override { return -1; }
};

}  // namespace

QNetworkReply* OfflineNetworkAccessManager::createRequest(Operation op, const QNetworkRequest& request, QIODevice*) {
  ++refused_;
  return new RefusedReply(op, request, this);
}

QNetworkAccessManager* OfflineNetworkAccessManagerFactory::create(QObject* parent) {
  return new OfflineNetworkAccessManager(parent);
}

}  // namespace veloce::app
