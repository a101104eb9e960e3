#pragma once
// The name a downloaded file gets, taken from the last segment of its address once decoded: %00,
// %0A, %2F and friends decode to characters no file name of the models folder may have.
#include <QString>

namespace veloce::app {

// Why `name` cannot be a file of the models folder, in words; "" when it can. Refused: empty,
// longer than 255 bytes in UTF-8, ".", "..", a leading dot (hidden, and ".part" files are ours),
// '/' or '\', and control or bidirectional-formatting characters (NUL, line breaks, RLO...).
QString fileNameProblem(const QString& name);

}  // namespace veloce::app
