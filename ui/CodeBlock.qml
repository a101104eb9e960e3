// A fenced code block: monospace text in a frame (highlighted once closed), its language, and a
// copy button (which copies `code`, never the rich text).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Rectangle {
    id: block
    property string code
    property string language
    // highlight.js rich text, set once the block is closed; until then the code shows plain.
    property string highlighted

    implicitHeight: layout.implicitHeight
    radius: 6
    color: Material.theme === Material.Dark ? "#15181b" : "#f6f8fa"
    border.color: Material.theme === Material.Dark ? "#30363d" : "#d0d7de"
    border.width: 1

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
        TextEdit {
            Layout.fillWidth: true
            Layout.margins: 12
            text: block.highlighted.length > 0 ? block.highlighted : block.code
            textFormat: block.highlighted.length > 0 ? TextEdit.RichText : TextEdit.PlainText
            readOnly: true
            selectByMouse: true
            selectByKeyboard: true
            wrapMode: TextEdit.WrapAtWordBoundaryOrAnywhere
            font.family: "monospace"
            font.pointSize: window.font.pointSize * 0.95
            color: Material.foreground
            selectionColor: Material.accent
            selectedTextColor: "white"
            Accessible.role: Accessible.EditableText
            Accessible.name: qsTr("Code")
            Accessible.description: block.code
        }
    }
}
