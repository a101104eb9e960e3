#pragma once
// The Server panel's list: the API requests of this run, newest first (at most 100), each with
// its client, route, tokens, speed and outcome. Rows of requests still generating are updated in
// place when they finish.
//
// It holds values, not words: the view says the outcome (qsTr) and writes the numbers in the
// interface language's format, so rows logged before a language switch follow it.
#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>
#include <QString>
#include <vector>

namespace veloce::server {
struct ExchangeRecord;
}

namespace veloce::app {

class ServerRequestLog : public QAbstractListModel {
  Q_OBJECT
  // For QML's ServerRequestLog.Generating...; the list itself comes from ServerController.requests.
  QML_ELEMENT
  QML_UNCREATABLE("ServerController.requests is the request log")
 public:
  // What became of a request.
  enum Outcome {
    Generating,     // not answered yet
    Answered,       // status 200
    ClientLeft,     // the client went before the answer (status 0)
    Refused,        // an error status, with the API's message to the client
    ServerStopped,  // the server stopped (switched off, the model changed) while it generated
  };
  Q_ENUM(Outcome)
  enum Role {
    ClientRole = Qt::UserRole + 1,
    EndpointRole,
    OutcomeRole,  // an Outcome
    StatusRole,   // the HTTP status sent (0: none, the client left or the server stopped)
    ErrorRole,    // Refused: the API's message, as the client received it (the API speaks English)
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
    Outcome outcome = Generating;
    int status = 0;
    QString error;
    int promptTokens = 0;
    int completionTokens = 0;
    double tokensPerSecond = 0;
    double seconds = 0;
  };
  static Row rowOf(const veloce::server::ExchangeRecord& record, Outcome outcome);
  // The outcome of a request the server finished with this HTTP status.
  static Outcome finishedWith(int status);
  void prepend(Row row);
  std::vector<Row> rows_;  // newest first
};

}  // namespace veloce::app
