// GenerationWorker::storeApiChat: the API server's chats in the history. Clients of the OpenAI API
// send the whole conversation with every request, so a request whose messages are an earlier
// stored transcript plus one new message is that conversation's next turn: it is appended there
// instead of starting another conversation. The digests live only as long as the app runs.
#include <QCryptographicHash>
#include <algorithm>
#include <exception>

#include "app/chat/conversation_title.h"
#include "app/chat/generation_worker.h"
#include "app/common/thread_handover.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {
namespace {

using veloce::storage::MessageState;
using veloce::storage::Role;

// A digest of a transcript: its system prompt, then each message's role and text.
class TranscriptDigest {
 public:
  explicit TranscriptDigest(const QString& system) { add('s', system); }
  void add(char role, const QString& text) {
    hash_.addData(QByteArrayView(&role, 1));
    const QByteArray utf8 = text.toUtf8();
    const QByteArray length = QByteArray::number(utf8.size()) + ':';  // no two transcripts join alike
    hash_.addData(length);
    hash_.addData(utf8);
  }
  QByteArray result() const { return hash_.result(); }

 private:
  QCryptographicHash hash_{QCryptographicHash::Sha256};
};

char roleCode(Role role) { return role == Role::User ? 'u' : role == Role::Assistant ? 'a' : 's'; }

}  // namespace

void GenerationWorker::storeApiChat(const ApiChat& chat) {
  // Leading system messages become the conversation's system prompt; the turns follow.
  QString system;
  std::vector<const PromptMessage*> turns;
  for (const auto& m : chat.messages) {
    if (m.role == Role::System && turns.empty()) {
      system += (system.isEmpty() ? QString() : QStringLiteral("\n\n")) + m.content;
    } else {
      turns.push_back(&m);
    }
  }
  if (turns.empty()) return;
  TranscriptDigest before(system);
  for (size_t i = 0; i + 1 < turns.size(); ++i) before.add(roleCode(turns[i]->role), turns[i]->content);
  try {
    auto& s = store();
    qint64 conversationId = -1;
    qint64 parent = 0;
    size_t first = 0;
    const auto earlier = apiChats_.find(before.result());
    if (earlier != apiChats_.end() && s.message(earlier->second.lastMessageId)) {
      conversationId = earlier->second.conversationId;
      parent = earlier->second.lastMessageId;
      first = turns.size() - 1;
      apiChats_.erase(earlier);
    }
    qint64 replyId = 0;
    s.in_transaction([&] {
      if (conversationId < 0) {
        veloce::storage::NewConversation init;
        const auto firstUser = std::find_if(turns.begin(), turns.end(), [](auto* m) { return m->role == Role::User; });
        init.title = titleFromMessage(firstUser == turns.end() ? QString() : (*firstUser)->content);
        init.system_prompt = system;
        init.model_file = chat.modelFile;
        init.model_quant = chat.modelQuant;
        conversationId = s.create_conversation(init).id;
      }
      for (size_t i = first; i < turns.size(); ++i)
        parent = s.append_message(conversationId, parent, turns[i]->role, turns[i]->content).id;
      replyId = s.append_message(conversationId, parent, Role::Assistant, chat.reply, MessageState::Complete).id;
    });
    TranscriptDigest after(system);
    for (const auto* m : turns) after.add(roleCode(m->role), m->content);
    after.add(roleCode(Role::Assistant), chat.reply);
    apiChats_[after.result()] = StoredApiChat{conversationId, replyId};
    thread_handover::post([&] { emit apiChatStored(conversationId, QString()); });
  } catch (const std::exception& e) {
    thread_handover::post([&] { emit apiChatStored(-1, QString::fromUtf8(e.what())); });
  }
}

}  // namespace veloce::app
