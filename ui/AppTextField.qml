// The app's one-line text box. Material selects in white on the accent, 1.9:1 on the dark
// theme's light teal and 3:1 on the light theme's teal: these take the reading view's selection
// colours instead (Main.qml), readable in both themes.
import QtQuick
import QtQuick.Controls

TextField {
    selectionColor: window.selectionColor
    selectedTextColor: window.selectedTextColor
}
