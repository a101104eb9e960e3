// Prose of a message as rich text. `html` comes from MarkdownRenderer: raw HTML in the model's
// output was escaped and images were replaced by text, so nothing here can load a resource.
// Links are not followed directly: they go to the link dialog that shows the full address.
// Formulas are images in the text, which TextEdit would copy (and a screen reader would read) as
// object characters: copying and the accessible name give their LaTeX instead.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Veloce

TextEdit {
    id: prose
    property string html
    // A right click asks the message for its menu (Copy, Copy message, Select all).
    signal menuRequested(var edit, point position)
    readonly property bool hasMath: html.indexOf("image://math/") >= 0
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
    Accessible.name: hasMath ? DesktopBridge.textWithFormulas(html) : getText(0, length)

    // The selection as it is copied: formulas as their LaTeX (Ctrl+C and the menu's Copy).
    function selectionForCopy() {
        if (selectionEnd <= selectionStart)
            return ""
        return hasMath ? DesktopBridge.textWithFormulas(getFormattedText(selectionStart, selectionEnd)) : selectedText
    }
    Keys.onPressed: (event) => {
        if (hasMath && event.matches(StandardKey.Copy) && selectionEnd > selectionStart) {
            DesktopBridge.copyText(selectionForCopy())
            event.accepted = true
        }
    }
    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: (eventPoint) => prose.menuRequested(prose, eventPoint.position)
    }

    HoverHandler {
        cursorShape: parent.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
    }
}
