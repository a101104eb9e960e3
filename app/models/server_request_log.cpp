#include "app/models/server_request_log.h"

#include <algorithm>

#include "app/server/api_server.h"

namespace veloce::app {

int ServerRequestLog::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant ServerRequestLog::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return {};
  const Row& r = rows_[static_cast<size_t>(index.row())];
  switch (role) {
    case ClientRole: return r.client;
    case EndpointRole: return r.endpoint;
    case RunningRole: return r.running;
    case StatusRole: return r.status;
    case OutcomeRole:
      if (r.running) return tr("generating");
      if (r.status == 0) return tr("client left");
      if (r.status == 200) return QStringLiteral("200");
      return QStringLiteral("%1: %2").arg(r.status).arg(r.error);
    case PromptTokensRole: return r.promptTokens;
    case CompletionTokensRole: return r.completionTokens;
    case TokensPerSecondRole: return r.tokensPerSecond;
    case SecondsRole: return r.seconds;
    default: return {};
  }
}

QHash<int, QByteArray> ServerRequestLog::roleNames() const {
  return {{ClientRole, "client"},
          {EndpointRole, "endpoint"},
          {RunningRole, "running"},
          {StatusRole, "status"},
          {OutcomeRole, "outcome"},
          {PromptTokensRole, "promptTokens"},
          {CompletionTokensRole, "completionTokens"},
          {TokensPerSecondRole, "tokensPerSecond"},
          {SecondsRole, "seconds"}};
}

ServerRequestLog::Row ServerRequestLog::rowOf(const veloce::server::ExchangeRecord& record, bool running) {
  Row row;
  row.id = record.id;
  row.client = record.client;
  row.endpoint = record.endpoint;
  row.running = running;
  row.status = record.status;
  row.error = record.error;
  row.promptTokens = static_cast<int>(record.prompt_tokens);
  row.completionTokens = static_cast<int>(record.completion_tokens);
  row.tokensPerSecond = record.tokens_per_second;
  row.seconds = record.seconds;
  return row;
}

void ServerRequestLog::prepend(Row row) {
  beginInsertRows({}, 0, 0);
  rows_.insert(rows_.begin(), std::move(row));
  endInsertRows();
  if (rows_.size() > kMaxRows) {
    const int last = static_cast<int>(rows_.size()) - 1;
    beginRemoveRows({}, last, last);
    rows_.pop_back();
    endRemoveRows();
  }
}

void ServerRequestLog::started(const veloce::server::ExchangeRecord& record) { prepend(rowOf(record, true)); }

void ServerRequestLog::finished(const veloce::server::ExchangeRecord& record) {
  // Among running rows only: a restarted server numbers its requests from 0 again.
  const auto it = std::find_if(rows_.begin(), rows_.end(), [&](const Row& r) { return r.running && r.id == record.id; });
  if (it == rows_.end()) {
    prepend(rowOf(record, false));
    return;
  }
  *it = rowOf(record, false);
  const QModelIndex changed = index(static_cast<int>(it - rows_.begin()));
  emit dataChanged(changed, changed);
}

void ServerRequestLog::stopRunning() {
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (!rows_[i].running) continue;
    rows_[i].running = false;
    rows_[i].status = 503;
    rows_[i].error = tr("the server stopped");
    const QModelIndex changed = index(static_cast<int>(i));
    emit dataChanged(changed, changed);
  }
}

int ServerRequestLog::running() const {
  return static_cast<int>(std::count_if(rows_.begin(), rows_.end(), [](const Row& r) { return r.running; }));
}

}  // namespace veloce::app
