#pragma once
// The translator of Veloce's own strings. Qt looks a Q_OBJECT class's tr() up under its full class
// name ("veloce::app::ModelController"), while lupdate (Qt 6.4, both parsers) files those strings
// in the .ts under the bare class name ("ModelController"): looked up as is, every tr() of the app's
// C++ classes stayed English in Italian. A context that is not found is tried again without its
// namespace, so the .ts files stay exactly as scripts/update_translations.sh writes them.
#include <QTranslator>

namespace veloce::app {

class AppTranslator : public QTranslator {
  Q_OBJECT
 public:
  using QTranslator::QTranslator;
  QString translate(const char* context, const char* sourceText, const char* disambiguation = nullptr,
                    int n = -1) const override;
};

}  // namespace veloce::app
