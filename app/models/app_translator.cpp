#include "app/models/app_translator.h"

#include <cstring>

namespace veloce::app {

QString AppTranslator::translate(const char* context, const char* sourceText, const char* disambiguation, int n) const {
  QString text = QTranslator::translate(context, sourceText, disambiguation, n);
  if (!text.isNull() || !context) return text;
  // An empty translation is "not found" too (QTranslator returns a null string for both).
  const char* bare = nullptr;
  for (const char* p = std::strstr(context, "::"); p; p = std::strstr(p + 2, "::")) bare = p + 2;
  return bare ? QTranslator::translate(bare, sourceText, disambiguation, n) : text;
}

}  // namespace veloce::app
