// One format for a time to first token, shared by a reply's footer and the status line (they
// said "0.0 s" and "19 ms" for the same reply): whole milliseconds under a second, then seconds
// with one decimal.
import QtQml

QtObject {
    function text(ms, locale) {
        const rounded = Math.round(ms)
        // 999.6 ms rounds to 1,000: said as "1.0 s", never "1,000 ms".
        if (rounded < 1000)
            return qsTr("%1 ms").arg(Number(rounded).toLocaleString(locale, "f", 0))
        return qsTr("%1 s").arg(Number(ms / 1000).toLocaleString(locale, "f", 1))
    }
}
