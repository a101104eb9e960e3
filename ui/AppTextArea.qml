// The app's multi-line text box, selecting in the reading view's colours as AppTextField does.
import QtQuick
import QtQuick.Controls

TextArea {
    selectionColor: window.selectionColor
    selectedTextColor: window.selectedTextColor
}
