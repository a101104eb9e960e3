// A Menu as wide as its widest item: Material's default is a fixed 200 px, which cut "Import
// conversations…" and left no room for the shortcuts.
import QtQuick
import QtQuick.Controls

Menu {
    width: {
        let widest = 0
        for (let i = 0; i < count; ++i) {
            const item = itemAt(i)
            if (item)
                widest = Math.max(widest, item.implicitWidth)
        }
        return Math.max(implicitWidth, widest + leftPadding + rightPadding)
    }
}
