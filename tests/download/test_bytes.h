#pragma once
// Bytes for the download tests: a random body to serve, and a file read back whole to compare.
#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

inline QByteArray randomBytes(int n) {
  QByteArray b(n, Qt::Uninitialized);
  auto* g = QRandomGenerator::global();
  for (int i = 0; i < n; ++i) b[i] = static_cast<char>(g->bounded(256));
  return b;
}

// The whole file, or empty when it cannot be opened (a missing model reads as no bytes).
inline QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
