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
    case OutcomeRole: return r.outcome;
    case StatusRole: return r.status;
    case ErrorRole: return r.error;
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
          {OutcomeRole, "outcome"},
          {StatusRole, "status"},
          {ErrorRole, "error"},
          {PromptTokensRole, "promptTokens"},
          {CompletionTokensRole, "completionTokens"},
          {TokensPerSecondRole, "tokensPerSecond"},
          {SecondsRole, "seconds"}};
}

ServerRequestLog::Outcome ServerRequestLog::finishedWith(int status) {
  if (status == 200) return Answered;
  return status == 0 ? ClientLeft : Refused;
}

ServerRequestLog::Row ServerRequestLog::rowOf(const veloce::server::ExchangeRecord& record, Outcome outcome) {
  Row row;
  row.id = record.id;
  row.client = record.client;
  row.endpoint = record.endpoint;
  row.outcome = outcome;
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

void ServerRequestLog::started(const veloce::server::ExchangeRecord& record) { prepend(rowOf(record, Generating)); }

void ServerRequestLog::finished(const veloce::server::ExchangeRecord& record) {
  // Among running rows only: a restarted server numbers its requests from 0 again.
  const auto it =
      std::find_if(rows_.begin(), rows_.end(), [&](const Row& r) { return r.outcome == Generating && r.id == record.id; });
  if (it == rows_.end()) {
    prepend(rowOf(record, finishedWith(record.status)));
    return;
  }
  *it = rowOf(record, finishedWith(record.status));
  const QModelIndex changed = index(static_cast<int>(it - rows_.begin()));
  emit dataChanged(changed, changed);
}

void ServerRequestLog::stopRunning() {
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].outcome != Generating) continue;
    rows_[i].outcome = ServerStopped;
    const QModelIndex changed = index(static_cast<int>(i));
    emit dataChanged(changed, changed);
  }
}

int ServerRequestLog::running() const {
  return static_cast<int>(std::count_if(rows_.begin(), rows_.end(), [](const Row& r) { return r.outcome == Generating; }));
}

}  // namespace veloce::app
