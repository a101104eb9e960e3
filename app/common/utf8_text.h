#pragma once
// Model text to QString, keeping every character the model produced.
//
// QString::fromUtf8 and QString::fromStdString drop a byte-order mark (U+FEFF) at the start of
// their input. A reply streamed piece by piece then loses a U+FEFF wherever a token begins with
// one, while the whole reply, decoded at once, keeps it (the mark is mid-string there): the
// streamed text and the stored text disagree. Model output is not a file, so a leading U+FEFF is
// content, never a mark to strip. Invalid bytes become U+FFFD, as with fromUtf8.
#include <QString>
#include <QStringDecoder>
#include <string_view>

namespace veloce::app_text {

inline QString from_model_utf8(std::string_view bytes) {
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
  return decoder.decode(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

}  // namespace veloce::app_text
