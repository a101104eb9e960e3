#include "app/models/read_only_text_keys.h"

#include <QKeyEvent>
#include <QKeySequence>

namespace veloce::app {

void ReadOnlyTextKeys::componentComplete() {
  if (parent() != nullptr) parent()->installEventFilter(this);
}

bool ReadOnlyTextKeys::eventFilter(QObject* watched, QEvent* event) {
  if (watched != parent() || event->type() != QEvent::ShortcutOverride) return false;
  auto* key = static_cast<QKeyEvent*>(event);
  if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::SelectAll)) return false;
  // Ignored: the shortcut map may have the key; if no shortcut takes it, the text still gets
  // the key press (Shift+arrows still select).
  key->ignore();
  return true;
}

}  // namespace veloce::app
