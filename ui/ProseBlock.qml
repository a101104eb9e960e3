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
    // The message's selection across pieces (PieceSelection.qml), or null.
    property var selection: null
    readonly property bool hasMath: html.indexOf("image://math/") >= 0
    text: html
    textFormat: TextEdit.RichText
    readOnly: true
    selectByMouse: true
    selectByKeyboard: true
    activeFocusOnTab: false
    // A selection across pieces is ended by PieceSelection, not by the focus moving to another
    // piece of it (a right click there, a shift-click).
    persistentSelection: selection !== null && selection.spans
    wrapMode: TextEdit.Wrap
    color: Material.foreground
    selectionColor: window.selectionColor
    selectedTextColor: window.selectedTextColor  // readable on it in both themes
    font: window.font
    Accessible.role: Accessible.StaticText
    Accessible.name: hasMath ? DesktopBridge.textWithFormulas(html) : getText(0, length)

    // The text between two positions as it is copied: formulas as their LaTeX, line and
    // paragraph breaks as newlines, table rows as lines of tab-separated cells, list items with
    // their markers (the plain text of a rich text TextEdit has Qt's U+2029 and U+FDD0 marks).
    function textBetween(start, end) {
        if (end <= start)
            return ""
        return DesktopBridge.textWithFormulas(getFormattedText(start, end))
    }
    // The selection as it is copied (Ctrl+C and the menu's Copy): the message's selection when
    // it spans pieces, else this paragraph's.
    function selectionForCopy() {
        if (selection !== null && selection.spans)
            return selection.text()
        return textBetween(selectionStart, selectionEnd)
    }
    Keys.onPressed: (event) => {
        if (event.matches(StandardKey.Copy) && selectionForCopy().length > 0) {
            DesktopBridge.copyText(selectionForCopy())
            event.accepted = true
        }
    }
    // Formulas are images in the text colour: a selected one is redrawn in the selection's text
    // colour, as the letters around it are.
    function colourSelectedFormulas() {
        if (hasMath)
            DesktopBridge.colourSelectedFormulas(prose, selectionStart, selectionEnd, selectedTextColor)
    }
    onSelectionStartChanged: Qt.callLater(colourSelectedFormulas)
    onSelectionEndChanged: Qt.callLater(colourSelectedFormulas)
    onSelectedTextColorChanged: Qt.callLater(colourSelectedFormulas)
    // The window's shortcuts (Ctrl+, Ctrl+F, Esc...) work while this text has the focus.
    ReadOnlyTextKeys {}
    // A piece of PieceSelection's selection.
    function positionAtPoint(x, y) { return positionAt(x, y) }
    function pieceLength() { return length }
    function selectRange(from, to) { select(from, to) }
    function clearSelection() { deselect() }
    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: (eventPoint) => prose.menuRequested(prose, eventPoint.position)
    }

    HoverHandler {
        cursorShape: parent.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
    }
}
