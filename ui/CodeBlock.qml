// A fenced code block: monospace text in a frame (highlighted once closed), its language, and a
// copy button (which copies `code`, never the rich text).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Rectangle {
    id: block
    // A right click asks the message for its menu (Copy, Copy message, Select all).
    signal menuRequested(var edit, point position)
    // The message's selection across pieces (PieceSelection.qml), or null.
    property var selection: null
    property string code
    property string language
    // highlight.js rich text, set once the block is closed; until then the code shows plain.
    property string highlighted

    implicitHeight: layout.implicitHeight
    radius: 6
    color: Material.theme === Material.Dark ? "#15181b" : "#f6f8fa"
    border.color: Material.theme === Material.Dark ? "#30363d" : "#d0d7de"
    border.width: 1

    // A piece of PieceSelection's selection: the code's text (x, y in the block's coordinates,
    // which scrolls sideways).
    function positionAtPoint(x, y) {
        const p = mapToItem(codeText, x, y)
        return codeText.positionAt(p.x, p.y)
    }
    function pieceLength() { return codeText.length }
    function selectRange(from, to) { codeText.select(from, to) }
    function clearSelection() { codeText.deselect() }
    // Lines as newlines (highlighted, the code is rich text, whose breaks are U+2029).
    function textBetween(start, end) {
        return end > start ? codeText.getText(start, end).replace(/[\u2028\u2029]/g, "\n") : ""
    }

    // Shift+wheel over the block scrolls the code sideways, as in editors and browsers (a mouse
    // has no sideways wheel); a plain wheel is left to the conversation, which it scrolls. Below
    // the text and the buttons, which leave the wheel to it.
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.NoButton
        onWheel: (wheel) => {
            // A notch (120) moves 60 px, about three lines; a trackpad gives pixels.
            const pixels = (p, a) => p !== 0 ? p : a / 120 * 60
            const across = pixels(wheel.pixelDelta.x, wheel.angleDelta.x)
            const down = pixels(wheel.pixelDelta.y, wheel.angleDelta.y)
            // Some platforms turn Shift+wheel into a sideways wheel themselves. Without Shift only
            // a mostly sideways move is the code's: a trackpad's scroll down drifts a little
            // sideways, and that is the conversation's.
            const delta = (wheel.modifiers & Qt.ShiftModifier) && across === 0 ? down
                    : Math.abs(across) > Math.abs(down) ? across : 0
            if (delta === 0 || !codeBar.visible) {
                wheel.accepted = false
                return
            }
            codeScroll.contentX = Math.max(0, Math.min(codeScroll.contentWidth - codeScroll.width,
                                                       codeScroll.contentX - delta))
        }
    }

    ColumnLayout {
        id: layout
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 4
            Label {
                Layout.fillWidth: true
                text: block.language.length > 0 ? block.language : qsTr("code")
                font.family: "monospace"
                font.pointSize: window.font.pointSize * 0.85
                opacity: 0.7
                textFormat: Text.PlainText
            }
            Button {
                id: copyButton
                flat: true
                text: copied.running ? qsTr("Copied") : qsTr("Copy code")
                font.pointSize: window.font.pointSize * 0.85
                Accessible.name: qsTr("Copy code")
                onClicked: {
                    DesktopBridge.copyText(block.code)
                    copied.restart()
                }
                Timer {
                    id: copied
                    interval: 1500
                }
            }
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: block.border.color
        }
        // Long lines scroll sideways, as in every code viewer: wrapped, a line of code reads as
        // two and its indentation is lost (before, lines wrapped at the bubble's width).
        Flickable {
            id: codeScroll
            objectName: "codeScroll"
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            Layout.topMargin: 12
            // Room for the scroll bar below the last line when there is one.
            Layout.bottomMargin: codeBar.visible ? 2 : 12
            implicitHeight: codeText.implicitHeight + (codeBar.visible ? codeBar.height + 4 : 0)
            contentWidth: codeText.width
            contentHeight: codeText.height
            flickableDirection: Flickable.HorizontalFlick
            boundsBehavior: Flickable.StopAtBounds
            clip: true
            // A drag selects text (as in the prose) instead of flicking, and the wheel keeps
            // scrolling the conversation; the bar, Shift+wheel, a sideways wheel (the MouseArea
            // below) and selecting past the edge scroll sideways.
            interactive: false
            ScrollBar.horizontal: ScrollBar {
                id: codeBar
                objectName: "codeScrollBar"
                policy: codeScroll.contentWidth > codeScroll.width + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                visible: policy === ScrollBar.AlwaysOn
            }
            TextEdit {
                id: codeText
                objectName: "codeText"
                width: Math.max(implicitWidth, codeScroll.width)
                text: block.highlighted.length > 0 ? block.highlighted : block.code
                textFormat: block.highlighted.length > 0 ? TextEdit.RichText : TextEdit.PlainText
                readOnly: true
                selectByMouse: true
                selectByKeyboard: true
                wrapMode: TextEdit.NoWrap
                font.family: "monospace"
                font.pointSize: window.font.pointSize * 0.95
                color: Material.foreground
                selectionColor: window.selectionColor
                selectedTextColor: window.selectedTextColor  // readable on it in both themes
                Accessible.role: Accessible.EditableText
                Accessible.name: qsTr("Code")
                Accessible.description: block.code
                // The selection across pieces when there is one (Ctrl+C and the menu's Copy).
                readonly property var selection: block.selection
                persistentSelection: block.selection !== null && block.selection.spans
                function selectionForCopy() {
                    return block.selection !== null && block.selection.spans ? block.selection.text()
                                                                             : block.textBetween(selectionStart, selectionEnd)
                }
                Keys.onPressed: (event) => {
                    if (event.matches(StandardKey.Copy) && block.selection !== null && block.selection.spans) {
                        DesktopBridge.copyText(selectionForCopy())
                        event.accepted = true
                    }
                }
                // The window's shortcuts (Ctrl+, Ctrl+F, Esc...) work while the code has the focus.
                ReadOnlyTextKeys {}
                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: (eventPoint) => block.menuRequested(codeText, eventPoint.position)
                }
                // Selecting or moving the cursor past the edge brings that part into view (only
                // then: while the block is laid out, the cursor's place says nothing).
                onCursorRectangleChanged: {
                    if (!activeFocus || codeScroll.width <= 0)
                        return
                    const r = cursorRectangle
                    if (r.x < codeScroll.contentX)
                        codeScroll.contentX = Math.max(0, r.x - 16)
                    else if (r.x + r.width > codeScroll.contentX + codeScroll.width)
                        codeScroll.contentX = Math.min(codeScroll.contentWidth - codeScroll.width, r.x + r.width - codeScroll.width + 16)
                }
            }
        }
    }
}
