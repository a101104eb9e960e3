#pragma once
// The Server panel's list: the API requests of this run, newest first (at most 100), each with
// its client, route, tokens, speed and outcome. Rows of requests still generating are updated in
// place when they finish.
#include <QAbstractListModel>
#include <QString>
#include <vector>

namespace veloce::server {
struct ExchangeRecord;
}

namespace veloce::app {

class ServerRequestLog : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role {
    ClientRole = Qt::UserRole + 1,
    EndpointRole,
    RunningRole,  // true until answered
    StatusRole,   // HTTP status (0: the client left)
    OutcomeRole,  // the outcome in words: "200", "429: the server is busy…", "client left"
    PromptTokensRole,
    CompletionTokensRole,
    TokensPerSecondRole,
    SecondsRole,
  };
  static constexpr int kMaxRows = 100;

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void started(const veloce::server::ExchangeRecord& record);
  // Updates the started row of the same id, or adds one (a refused request never started).
  void finished(const veloce::server::ExchangeRecord& record);
  int running() const;
  // The server stopped (switched off, the model changed): requests still running end here.
  void stopRunning();

 private:
  struct Row {
    quint64 id = 0;
    QString client;
    QString endpoint;
    bool running = true;
    int status = 0;
    QString error;
    int promptTokens = 0;
    int completionTokens = 0;
    double tokensPerSecond = 0;
    double seconds = 0;
  };
  static Row rowOf(const veloce::server::ExchangeRecord& record, bool running);
  void prepend(Row row);
  std::vector<Row> rows_;  // newest first
};

}  // namespace veloce::app
