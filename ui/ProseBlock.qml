// Prose of a message as rich text. `html` comes from MarkdownRenderer: raw HTML in the model's
// output was escaped and images were replaced by text, so nothing here can load a resource.
// Links are not followed directly: they go to the link dialog that shows the full address.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

TextEdit {
    property string html
    text: html
    textFormat: TextEdit.RichText
    readOnly: true
    selectByMouse: true
    selectByKeyboard: true
    activeFocusOnTab: false
    wrapMode: TextEdit.Wrap
    color: Material.foreground
    selectionColor: Material.accent
    selectedTextColor: "white"
    font: window.font
    Accessible.role: Accessible.StaticText
    Accessible.name: getText(0, length)

    HoverHandler {
        cursorShape: parent.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
    }
}
