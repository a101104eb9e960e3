// Makes the hand-overs between the chat worker's thread and the UI thread visible to ThreadSanitizer.
//
// Why: a queued signal or QMetaObject::invokeMethod copies its arguments into an event in the sending
// thread and reads them in the receiving one. The event queue between them synchronises with a futex
// and atomics inside libQt6Core, which Debian builds without TSan instrumentation, so TSan sees no
// happens-before edge and reports every argument (a QString, a ReplyRequest) as a data race: over a
// thousand reports per run of the controller tests, which would bury a real one.
//
// How: the sender posts while holding one process-wide mutex (post()), and an event filter on each
// receiver (watch()) takes the same mutex before a queued call is delivered. The receiver can only see
// the event after it was posted, so its lock follows the sender's unlock: an edge TSan does see, and
// one that covers the argument copies made inside the emit. A recursive mutex because a direct
// connection may post again from inside an emit.
//
// Only in a ThreadSanitizer build: elsewhere post() just runs the call and watch() does nothing, so
// the product's threads never wait on this mutex.
#pragma once

#include <QEvent>
#include <QObject>
#include <QThread>
#include <future>
#include <mutex>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define VELOCE_THREAD_HANDOVER_ANNOTATED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VELOCE_THREAD_HANDOVER_ANNOTATED 1
#endif
#endif

namespace veloce::app::thread_handover {

#ifdef VELOCE_THREAD_HANDOVER_ANNOTATED
inline std::recursive_mutex& handover_mutex() {
  static std::recursive_mutex m;
  return m;
}

class DeliveryFilter final : public QObject {
 protected:
  // Every event, not only QEvent::MetaCall: even reading the event's type must follow the lock.
  bool eventFilter(QObject*, QEvent*) override {
    std::lock_guard lock(handover_mutex());
    return false;
  }
};
#endif

// Runs `send` (an emit or a queued invokeMethod aimed at another thread) as a hand-over.
template <class Send>
void post(Send&& send) {
#ifdef VELOCE_THREAD_HANDOVER_ANNOTATED
  std::lock_guard lock(handover_mutex());
#endif
  std::forward<Send>(send)();
}

// Queues `call` to run in `receiver`'s thread, as a hand-over.
template <class Call>
void invoke(QObject* receiver, Call&& call) {
  post([&] { QMetaObject::invokeMethod(receiver, std::forward<Call>(call), Qt::QueuedConnection); });
}

// For a hand-over that Qt posts itself (QThread::finished after a job's last line): everything this
// thread did so far is seen by the receiver's next queued call.
inline void publish() {
  post([] {});
}

// Starts `thread` and, in a TSan build, returns only once its event loop can take posts. The first
// post writes to the wake-up eventfd that the new thread creates; Qt orders the two with its own
// uninstrumented mutex, so the edge comes from QThread::started (run in the new thread after it made
// its event dispatcher) setting a promise that this thread waits for.
inline void start(QThread& thread) {
#ifdef VELOCE_THREAD_HANDOVER_ANNOTATED
  std::promise<void> ready;
  const auto connection = QObject::connect(
      &thread, &QThread::started, &thread, [&ready] { ready.set_value(); }, Qt::DirectConnection);
  thread.start();
  ready.get_future().wait();
  QObject::disconnect(connection);
#else
  thread.start();
#endif
}

// Marks `receiver` as taking queued calls from another thread. Call it from the thread that made
// `receiver` before that object's thread runs (the filter must live in the receiver's thread).
inline void watch(QObject* receiver) {
#ifdef VELOCE_THREAD_HANDOVER_ANNOTATED
  auto* filter = new DeliveryFilter;
  filter->moveToThread(receiver->thread());
  filter->setParent(receiver);
  receiver->installEventFilter(filter);
#else
  (void)receiver;
#endif
}

}  // namespace veloce::app::thread_handover
